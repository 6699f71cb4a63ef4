/**
 * Component slugs. `isSlug`: what may arrive in a URL (a query parameter, a path segment, a cache tag) —
 * lowercase letters, digits and dashes, starting with a letter or digit, at most 80. `isStrictSlug`: what the admin
 * form and API store — no doubled, leading or trailing dash, at most 60; every strict slug passes `isSlug`.
 * public/js/mirror.js, which runs in the browser, repeats the URL pattern.
 */
const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;
/** The stored shape (admin form, API); features/components/schemas.ts should use it. */
export const STRICT_SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 60;
const FALLBACK_SLUG = 'component';

export function isSlug(s: string): boolean {
  return SLUG_PATTERN.test(s);
}

/** A slug an operator may store: the strict shape within MAX_SLUG_LENGTH. */
export function isStrictSlug(s: string): boolean {
  return s.length <= MAX_SLUG_LENGTH && STRICT_SLUG_PATTERN.test(s);
}

/** Turns a name into a strict slug: accents dropped, runs of anything else one dash, cut to length before trimming. */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return s || FALLBACK_SLUG;
}

/** The n-th alternative to a taken slug (`api-2`), still strict: the base is cut so the suffix fits. */
export function numberedSlug(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${base.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
}
