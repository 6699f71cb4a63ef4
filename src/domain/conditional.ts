/**
 * RFC 9110 §13.1.2 If-None-Match: the condition fails (answer 304 to GET/HEAD) when the field is `*` and a current
 * representation exists, or when any listed entity-tag matches the current one by WEAK comparison (`W/"x"` and
 * `"x"` match each other). A field that does not parse as a list of entity-tags is ignored, as if absent.
 */

// One entity-tag and its list separator; etagc allows commas inside the quotes, so the list is not split on ",".
const ENTITY_TAG = /^\s*(?:W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)/;

/** The opaque tags of a list of entity-tags (weakness dropped), `'*'`, or null when the field is malformed. */
export function parseEntityTags(field: string): string[] | '*' | null {
  if (field.trim() === '*') return '*';
  const tags: string[] = [];
  let rest = field;
  while (rest.trim() !== '') {
    // Empty list elements (", ,") are allowed by the list syntax.
    const blank = /^\s*,/.exec(rest);
    if (blank) {
      rest = rest.slice(blank[0].length);
      continue;
    }
    const m = ENTITY_TAG.exec(rest);
    if (!m) return null;
    tags.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  return tags.length > 0 ? tags : null;
}

/** Whether a GET/HEAD with this If-None-Match should be answered 304 for a representation whose ETag is `etag`. */
export function notModified(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const tags = parseEntityTags(ifNoneMatch);
  if (tags === '*') return true;
  if (tags === null) return false;
  const current = parseEntityTags(etag);
  return Array.isArray(current) && current.length === 1 && tags.includes(current[0]);
}
