/** JSON answers (typed errors become JSON in error-adapters.ts). */
import type { ZodError } from 'zod';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

export function jsonError(status: number, code: string, message: string, fields?: Record<string, string>): Response {
  return json({ error: { code, message, ...(fields ? { fields } : {}) } }, status);
}

/** Flattens zod issues into field → message. */
export function zodFields(err: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    out[key] ??= issue.message;
  }
  return out;
}

/** For read-only JSON routes: any method other than GET/HEAD is answered with JSON, never the HTML 404 page. */
export function methodNotAllowed(): Response {
  const res = jsonError(405, 'method_not_allowed', 'This resource is read-only; use GET.');
  res.headers.set('allow', 'GET, HEAD, OPTIONS');
  return res;
}
