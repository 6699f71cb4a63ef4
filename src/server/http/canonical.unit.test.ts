import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalizeSlowly, MAX_PATH_LENGTH } from './canonical';

describe('canonical paths pass unchanged', () => {
  it.each(['/', '/admin/users', '/history?page=2', '/components/api-eu/badge.svg?uptime=1', '/a%20b', '/a%C3%A9', '/...', '/a..b', '/x?next=%2F%2Fevil'])('%s', (url) => {
    const q = url.indexOf('?');
    expect(canonicalize(url)).toEqual({ kind: 'ok', path: q === -1 ? url : url.slice(0, q), search: q === -1 ? '' : url.slice(q) });
  });
});

describe('harmless variants redirect to the canonical path, keeping the query', () => {
  it.each([
    ['//admin/users', '/admin/users'],
    ['///admin//users', '/admin/users'],
    ['//', '/'],
    ['/./', '/'],
    ['/.', '/'],
    ['/admin/./users', '/admin/users'],
    ['/x/../admin/users', '/admin/users'],
    ['/../admin', '/admin'],
    ['/admin/users/..', '/admin'],
    ['/history/', '/history'],
    ['/history//?page=2', '/history?page=2'],
    ['/%61dmin/users', '/admin/users'],
    ['/%41DMIN', '/ADMIN'],
    ['/components/%7e%2Dx', '/components/~-x'],
    ['/a%c3%a9', '/a%C3%A9'],
    ['//feed.xml', '/feed.xml'],
    ['/api/v2/summary.json/', '/api/v2/summary.json'],
    ['//?n=7', '/?n=7'],
  ])('%s → %s', (url, location) => {
    expect(canonicalize(url)).toEqual({ kind: 'redirect', location });
  });
});

describe('ambiguous or hostile spellings are refused', () => {
  it.each([
    ['backslash', '/\\admin/users'],
    ['backslash inside', '/admin\\users'],
    ['encoded slash', '/admin%2fusers'],
    ['encoded slash, upper case', '/admin%2Fusers'],
    ['encoded backslash', '/%5cadmin'],
    ['encoded dot', '/%2e/'],
    ['encoded dot segment', '/x/%2E%2E/admin'],
    ['double encoding', '/%2561dmin'],
    ['encoded NUL', '/admin%00'],
    ['encoded tab', '/admin/users%09'],
    ['encoded DEL', '/a%7f'],
    ['raw tab', '/admin/users\t'],
    ['raw NUL', '/admin\0'],
    ['raw space', '/admin users'],
    ['raw control in the query', '/?a=\x01'],
    ['non-ASCII', '/adminé'],
    ['truncated escape', '/admin%'],
    ['bad hex', '/admin%zz'],
    ['invalid UTF-8', '/a%ff'],
    ['path parameter', '/admin/users;x'],
    ['encoded semicolon', '/admin/users%3bx'],
    ['absolute form', 'http://evil.example/admin'],
    ['asterisk form', '*'],
    ['empty', ''],
    ['over-long', '/' + 'a'.repeat(MAX_PATH_LENGTH)],
  ])('%s', (_name, url) => {
    expect(canonicalize(url).kind).toBe('bad');
  });

  it('accepts a path of exactly the maximum length', () => {
    expect(canonicalize('/' + 'a'.repeat(MAX_PATH_LENGTH - 1)).kind).toBe('ok');
  });
});

describe('every redirect target is itself canonical (no loops, never protocol-relative)', () => {
  it.each(['//admin', '/./x/', '/%61/./%62//', '/a/b/../../..//c/', '////'])('%s', (url) => {
    const r = canonicalize(url);
    expect(r.kind).toBe('redirect');
    const location = (r as { location: string }).location;
    expect(location.startsWith('//')).toBe(false);
    expect(canonicalize(location).kind).toBe('ok');
  });
});

describe('the shortcut for already-canonical paths agrees with the full walk', () => {
  // Characters that matter to the rules (separators, dots, escapes, controls, non-ASCII) and a few plain ones.
  const char = fc.constantFrom('/', '/', '/', '.', '.', '%', '2', 'e', 'F', 'a', 'Z', '0', '~', '-', '_', '?', '=', '&', '\\', ';', '#', ' ', '\t', 'é', '\x7f', '+', '!');
  it('for arbitrary targets', () => {
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }).map((cs) => '/' + cs.join('')), (target) => {
        expect(canonicalize(target)).toEqual(canonicalizeSlowly(target));
      }),
      { numRuns: 20_000 },
    );
  });
  it('for plain and dotted paths with queries', () => {
    const segment = fc.oneof(fc.constantFrom('.', '..', '...', '.well-known', 'feed.xml', ''), fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/));
    const query = fc.oneof(fc.constant(''), fc.stringMatching(/^\?[ -~]{0,12}$/), fc.constant('?a=\u00e9'));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), query, (segments, q) => {
        const target = '/' + segments.join('/') + q;
        expect(canonicalize(target)).toEqual(canonicalizeSlowly(target));
      }),
      { numRuns: 20_000 },
    );
  });
});
