/**
 * V8 keeps a string built by concatenation as a tree of its pieces, and every page that includes it walks that
 * tree again when the page is encoded: fifty cached overview rows of a few hundred pieces each cost more than
 * the rest of the encoding. Reading one character makes V8 flatten the string in place, once, so a string kept
 * for reuse is copied as one piece from then on. The value is unchanged; only its representation is.
 */
export function flattened(s: string): string {
  s.charCodeAt(0);
  return s;
}
