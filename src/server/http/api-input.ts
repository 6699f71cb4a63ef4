/** Reading JSON request bodies for the write API: not JSON → 415, bad JSON → 400, wrong shape → 422, never a 500. */
import { z } from 'zod';
import { BadRequestError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import { zodFields } from './api-response';

/** Parses the body as JSON and validates it; throws typed errors for toJsonError(). */
async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^\s*application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) throw new UnsupportedMediaTypeError('Send a JSON body with "Content-Type: application/json".');
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    throw new BadRequestError('The body is not valid JSON.');
  }
  const r = schema.safeParse(body);
  if (!r.success) throw new ValidationError('The request is invalid.', zodFields(r.error));
  return r.data;
}

/** A route's numeric id parameter, or a 404. */
export function idParam(raw: string | undefined): number | null {
  return raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
}

/** Parses a JSON object body and refuses keys outside `allowed` (a typo must not be silently ignored). */
export async function readJsonObject(request: Request, allowed: readonly string[]): Promise<Record<string, unknown>> {
  const body = await readJson(request, z.record(z.string(), z.unknown(), { error: 'The body must be a JSON object.' }));
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new ValidationError('The request is invalid.', Object.fromEntries(unknown.map((k) => [k, 'Unknown field.'])));
  return body;
}
