/** Reading JSON request bodies for the write API: not JSON → 415, bad JSON → 400, wrong shape → 422, never a 500. */
import { z } from 'zod';
import { parseIsoTime } from '../../domain/time';
import { BadRequestError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import { zodFields } from './api-response';

/** Parses the body as JSON and validates it; throws typed errors for errorResponse(). */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
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

/** An ISO 8601 time with a zone, never in the future (1 s of clock slack). */
export function pastTime(now: number) {
  return z.string().transform((v, ctx) => {
    const ms = parseIsoTime(v);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: 'Use an ISO 8601 time with a zone, e.g. 2026-03-01T14:30:00Z.' });
      return z.NEVER;
    }
    if (ms > now + 1000) {
      ctx.addIssue({ code: 'custom', message: 'The time cannot be in the future.' });
      return z.NEVER;
    }
    return ms;
  });
}

/** Like pastTime, but a date alone ("2025-01-01", as Statuspage's start_date) means 00:00 UTC that day. */
export function pastDateOrTime(now: number) {
  return z.string().transform((v, ctx) => {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
    const ms = day ? parseIsoTime(`${v.trim()}T00:00:00Z`) : parseIsoTime(v);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: 'Use a date (2026-03-01) or an ISO 8601 time with a zone (2026-03-01T14:30:00Z).' });
      return z.NEVER;
    }
    if (ms > now + 1000) {
      ctx.addIssue({ code: 'custom', message: 'The date cannot be in the future.' });
      return z.NEVER;
    }
    return ms;
  });
}

/** An ISO 8601 time with a zone, any moment. */
export const isoTime = z.string().transform((v, ctx) => {
  const ms = parseIsoTime(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: 'Use an ISO 8601 time with a zone, e.g. 2026-03-01T14:30:00Z.' });
    return z.NEVER;
  }
  return ms;
});

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
