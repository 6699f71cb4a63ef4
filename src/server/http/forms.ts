/** Form handling for admin pages: parse FormData with zod into values or field errors, keeping what was typed. */
import type { z } from 'zod';
import { zodFields } from './api-response';

export interface FormState<T> {
  values: Record<string, string>;
  errors: Record<string, string>;
  formError: string | null;
  data: T | null;
}

/** All string fields of a form, as typed. */
export function formValues(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries()) if (typeof v === 'string') out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
}

/** The bytes of a file field of a multipart form (read from a clone, so the body stays readable), or undefined. */
export async function readUploadedFile(request: Request, name: string): Promise<Uint8Array | undefined> {
  if (!/^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '')) return undefined;
  try {
    const f = (await request.clone().formData()).get(name);
    return f instanceof File ? new Uint8Array(await f.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
}

/** Validates a form; on failure returns field messages next to the values the operator typed. */
export function parseForm<S extends z.ZodType>(schema: S, fd: FormData): FormState<z.infer<S>> {
  const values = formValues(fd);
  const r = schema.safeParse(values);
  if (r.success) return { values, errors: {}, formError: null, data: r.data };
  return { values, errors: zodFields(r.error), formError: 'Please correct the fields marked below.', data: null };
}

export function emptyForm<T>(values: Record<string, string> = {}): FormState<T> {
  return { values, errors: {}, formError: null, data: null };
}
