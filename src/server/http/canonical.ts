/**
 * One spelling per resource, decided before the cache, the raw routes, the guard and the router see a path.
 * Harmless variants (repeated slashes, dot segments, a trailing slash, encoded unreserved characters) redirect
 * to the canonical path; anything that could mean different things to different parsers is refused.
 */
// Decision: docs/decisions/027-canonical-urls-first.md

export const MAX_PATH_LENGTH = 2048;

export type Canonical =
  | { kind: 'ok'; path: string; search: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'bad'; reason: string };

const HEX = /^[0-9A-Fa-f]{2}$/;
const UNRESERVED = /[A-Za-z0-9_~-]/;
/** Segments of unreserved characters only, none empty: no escapes, no repeated or trailing slash. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9._~-]+)+$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;
const RAW_BAD = /[^\x21-\x7e]/;

/** Canonicalises a request target (origin-form, as node:http gives it in `req.url`). */
export function canonicalize(target: string): Canonical {
  if (!target.startsWith('/')) return bad('The request target must be a path starting with "/".');
  const q = target.indexOf('?');
  const raw = q === -1 ? target : target.slice(0, q);
  const search = q === -1 ? '' : target.slice(q);
  if (raw.length > MAX_PATH_LENGTH) return bad(`The path is longer than ${MAX_PATH_LENGTH} characters.`);
  // The paths nearly every request has are already canonical; the full walk below agrees (property-tested).
  if ((raw === '/' || (PLAIN_PATH.test(raw) && !DOT_SEGMENT.test(raw))) && !RAW_BAD.test(search)) return { kind: 'ok', path: raw, search };
  return canonicalizeFully(target, raw, search);
}

/** The general case: decode what may be decoded, refuse what is ambiguous, normalise the rest. */
function canonicalizeFully(target: string, raw: string, search: string): Canonical {
  // Control characters, spaces and non-ASCII are never sent raw by a browser; a query gets the same rule.
  if (RAW_BAD.test(target)) return bad('The URL contains control, space or non-ASCII characters.');
  if (raw.includes('\\')) return bad('Backslashes are not allowed in paths.');
  if (raw.includes(';')) return bad('Path parameters (";") are not allowed.');
  if (raw.includes('#')) return bad('A fragment is never sent to the server.');

  let decoded = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '%') {
      decoded += c;
      continue;
    }
    const hex = raw.slice(i + 1, i + 3);
    if (!HEX.test(hex)) return bad('The path has an invalid percent-encoding.');
    const byte = parseInt(hex, 16);
    const ch = String.fromCharCode(byte);
    // Encoded separators, dots, "%" (double encoding) and controls would be decoded again somewhere downstream.
    if (byte < 0x20 || byte === 0x7f || '/\\.%;'.includes(ch)) return bad(`"%${hex}" is not allowed in paths.`);
    decoded += byte < 0x80 && UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
    i += 2;
  }
  try {
    decodeURIComponent(decoded);
  } catch {
    return bad('The path is not valid percent-encoded UTF-8.');
  }

  const path = removeDotSegments(decoded.replace(/\/{2,}/g, '/'));
  const canonical = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (canonical === raw) return { kind: 'ok', path: raw, search };
  return { kind: 'redirect', location: canonical + search };
}

/** RFC 3986 §5.2.4 on a path with single slashes: "." is dropped, ".." removes the previous segment. */
function removeDotSegments(path: string): string {
  const segments = path.split('/').slice(1);
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const last = i === segments.length - 1;
    if (s === '.' || s === '..') {
      if (s === '..') out.pop();
      if (last) out.push('');
    } else out.push(s);
  }
  return '/' + out.join('/');
}

/** The general walk for every target, without the shortcut: for tests that prove the two agree. */
export function canonicalizeSlowly(target: string): Canonical {
  if (!target.startsWith('/')) return bad('The request target must be a path starting with "/".');
  const q = target.indexOf('?');
  const raw = q === -1 ? target : target.slice(0, q);
  if (raw.length > MAX_PATH_LENGTH) return bad(`The path is longer than ${MAX_PATH_LENGTH} characters.`);
  return canonicalizeFully(target, raw, q === -1 ? '' : target.slice(q));
}

function bad(reason: string): Canonical {
  return { kind: 'bad', reason };
}
