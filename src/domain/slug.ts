/**
 * What a component slug may be, wherever one arrives in a URL (a query parameter, a path segment, a cache tag):
 * lowercase letters, digits and dashes, starting with a letter or digit. The admin form is stricter still (no
 * doubled or trailing dash, at most 60 characters); every slug it accepts passes this. public/js/mirror.js, which
 * runs in the browser, repeats the pattern.
 */
const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function isSlug(s: string): boolean {
  return SLUG_PATTERN.test(s);
}
