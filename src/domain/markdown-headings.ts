/**
 * Operator markdown sits inside the page's own sections (an incident's updates, its post-mortem), so its headings
 * are demoted: the text's highest heading becomes an <h3> under the page's <h2> sections, the rest keep their
 * relative levels (capped at h6). "## Summary" in a post-mortem no longer competes with the page's "Post-mortem".
 */

/** The heading level operator content starts at. */
const CONTENT_TOP_HEADING = 3;

const OPEN_OR_CLOSE = /<(\/?)h([1-6])(?=[\s>])/g;

/** `html` (marked's output) with its headings shifted so the highest one is `<h{top}>`. */
export function demoteHeadings(html: string, top = CONTENT_TOP_HEADING): string {
  let highest = 7;
  for (const m of html.matchAll(OPEN_OR_CLOSE)) highest = Math.min(highest, Number(m[2]));
  if (highest >= top) return html;
  const shift = top - highest;
  return html.replace(OPEN_OR_CLOSE, (_, slash: string, n: string) => `<${slash}h${Math.min(6, Number(n) + shift)}`);
}
