/** Security headers set on every response. */
import type { ServerResponse } from 'node:http';

export function securityHeaders(opts: { https: boolean; frameAncestors: string[] }): Record<string, string> {
  const ancestors = opts.frameAncestors.length ? `'self' ${opts.frameAncestors.join(' ')}` : "'self'";
  const h: Record<string, string> = {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      `frame-ancestors ${ancestors}`,
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
  if (!opts.frameAncestors.length) h['X-Frame-Options'] = 'SAMEORIGIN';
  if (opts.https) h['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return h;
}

/**
 * The subset that matters for responses that are not HTML documents (JSON, feeds, SVG badges, iCal): nothing
 * may load or run from them, framing follows the same allow-list. Smaller headers on the hottest API paths.
 * An SVG opened on its own is a document that may hold links, so it keeps the Referrer-Policy; JSON, XML,
 * CSV and iCal make no requests, so theirs would say nothing.
 */
export function nonDocumentHeaders(full: Record<string, string>, opts: { links: boolean }): Record<string, string> {
  const ancestors = /frame-ancestors ([^;]+)/.exec(full['Content-Security-Policy'] ?? '')?.[1] ?? "'self'";
  const h: Record<string, string> = {
    'Content-Security-Policy': `default-src 'none'; frame-ancestors ${ancestors}`,
    'X-Content-Type-Options': 'nosniff',
  };
  if (opts.links) h['Referrer-Policy'] = full['Referrer-Policy'];
  if (full['Strict-Transport-Security']) h['Strict-Transport-Security'] = full['Strict-Transport-Security'];
  return h;
}

export function applyHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const k in headers) res.setHeader(k, headers[k]);
}
