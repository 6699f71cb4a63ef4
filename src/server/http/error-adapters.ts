/** The two places a thrown error leaves the server: as API JSON, or as messages on a form (pages get error-page.ts). */
import { ZodError } from 'zod';
import { toAppError, type FieldErrors } from '../errors';
import { json, jsonError, zodFields } from './api-response';

/** A typed error (or a zod failure) as a JSON answer; anything else is a bug and is rethrown (logged as 500). */
export function toJsonError(err: unknown): Response {
  const known = toAppError(err);
  if (known) {
    const res = jsonError(known.status, known.code, known.message, known.fields);
    if (known.status === 503) res.headers.set('retry-after', '5');
    return res;
  }
  if (err instanceof ZodError) return jsonError(400, 'validation_failed', 'The request is invalid.', zodFields(err));
  throw err;
}

export interface FormErrorState {
  /** Shown above the form. */
  message: string;
  /** Shown next to each field, by field name. */
  fieldErrors: FieldErrors;
  /** The status the page answers with. */
  status: number;
}

/** A typed error (storage failures included) as form messages; anything else is a bug and is rethrown. */
export function toFormState(err: unknown): FormErrorState {
  const known = toAppError(err);
  if (!known) throw err;
  return { message: known.message, fieldErrors: known.fields ?? {}, status: known.status };
}

/** Statuspage's error body: `{"error": "…"}` (its clients print `error`), `message` as its description names it, and our `code`. */
export function statuspageError(status: number, message: string, fields?: Record<string, string>, code = 'error'): Response {
  const detail = fields ? `${message} ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}` : message;
  return json({ error: detail, message: detail, code, ...(fields ? { fields } : {}) }, status);
}

/** A typed error as Statuspage's error body; anything else is a bug and is rethrown (logged as 500). */
export function toStatuspageError(err: unknown): Response {
  const known = toAppError(err);
  if (known) {
    const res = statuspageError(known.status, known.message, known.fields, known.code);
    if (known.status === 503) res.headers.set('retry-after', '5');
    return res;
  }
  if (err instanceof ZodError) return statuspageError(400, 'The request is invalid.', zodFields(err), 'validation_failed');
  throw err;
}
