/** The HTML answer for a typed error on a page (the API answers JSON through error-adapters.ts toJsonError). */
import { escapeHtml } from '../../domain/html-escape';
import type { AppError } from '../errors';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported form',
  422: 'Invalid input',
  429: 'Too many attempts',
  503: 'Temporarily unavailable',
};

export function htmlErrorResponse(err: AppError): Response {
  const title = TITLES[err.status] ?? 'Error';
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body><main><h1>${title}</h1><p class="form-error" role="alert">${escapeHtml(err.message)}</p><p><a href="/admin">Admin home</a> · <a href="/">Current status</a></p></main></body></html>`;
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
  if (err.status === 503) headers['retry-after'] = '5';
  return new Response(body, { status: err.status, headers });
}
