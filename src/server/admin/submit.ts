/** Runs one admin form: validate with zod, call the service, map typed errors back onto the form. */
import type { z } from 'zod';
import { AppError } from '../errors';
import { formFailure, parseForm, type FormState } from '../http/forms';

export interface Submitted {
  redirect?: string;
  form: FormState<unknown>;
  status?: number;
}

/** `run` performs the write and returns where to redirect. */
export function submitForm<S extends z.ZodType>(schema: S, fd: FormData, run: (data: z.infer<S>) => string): Submitted {
  const form = parseForm(schema, fd);
  if (!form.data) return { form };
  try {
    return { redirect: run(form.data), form };
  } catch (err) {
    return { form: formFailure(form, err), status: err instanceof AppError ? err.status : 422 };
  }
}

/** The form to show for `name`: the failed submission if it was that one, else a fresh one. */
export function formOf(active: string | null, result: Submitted | null, name: string, initial: Record<string, string> = {}): FormState<unknown> {
  if (active === name && result) return result.form;
  return { values: initial, errors: {}, formError: null, data: null };
}
