/**
 * The bounds that keep markdown cheap to render: how deep quotes and lists may nest, and how many emphasis
 * delimiters one paragraph may carry. Checked at the write (markdownProblem) and enforced at the render
 * (boundedMarkdown), so rows written before the bound, and content files, render in linear time too.
 */
// Decision: docs/decisions/030-markdown-bounds.md

/** Quotes and lists nest at most this deep; marked recurses once per level and overflows its stack near 1,000. */
export const MARKDOWN_MAX_DEPTH = 16;

/** `*` and `_` a paragraph or list item may carry before the rest are escaped: marked scans ahead once per opener (quadratic). */
export const MARKDOWN_MAX_DELIMITERS = 64;

// One container marker: a quote, a bullet or an ordered-list number, each followed by a blank or the line's end.
const MARKER = /^(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

interface Prefix {
  /** Where the line's text begins, after its container markers. */
  end: number;
  /** Nesting the line opens: its markers, plus its indentation (two columns a level) when it has any marker. */
  depth: number;
  /** Index of the first marker that goes past the maximum depth, or -1. */
  overAt: number;
  /** The list item the line's last marker would open, if that marker is a bullet or a number. */
  item: Item | null;
}

interface Item {
  /** Column of the marker, and of the item's text. */
  indent: number;
  content: number;
  /** The bullet character, or the number's delimiter: items of one list share it. */
  kind: string;
  /** A bullet or the number 1: the only items that may interrupt a paragraph (CommonMark 5.2). */
  mayInterrupt: boolean;
}

function indentColumns(line: string): number {
  let cols = 0;
  for (const c of line) {
    if (c === ' ') cols += 1;
    else if (c === '\t') cols += 4 - (cols % 4);
    else break;
  }
  return cols;
}

/** Reads the container markers that open a line. */
function readPrefix(line: string, maxDepth: number): Prefix {
  const lead = line.length - line.trimStart().length;
  const indentDepth = Math.floor(indentColumns(line) / 2);
  let pos = lead;
  let markers = 0;
  let overAt = -1;
  let item: Item | null = null;
  for (let m = MARKER.exec(line.slice(pos, pos + 16)); m; m = MARKER.exec(line.slice(pos, pos + 16))) {
    markers += 1;
    if (overAt < 0 && indentDepth + markers > maxDepth) overAt = pos;
    item = m[0][0] === '>' ? null : itemOf(m[0], pos);
    pos += m[0].length;
  }
  return { end: pos, depth: markers === 0 ? 0 : indentDepth + markers, overAt, item };
}

function itemOf(marker: string, at: number): Item {
  const mark = marker.trimEnd();
  const kind = mark[mark.length - 1];
  return { indent: at, content: at + marker.length, kind, mayInterrupt: mark.length === 1 || Number(mark.slice(0, -1)) === 1 };
}

/**
 * Whether a line with this item marker starts a new inline block (a list item) rather than continuing a
 * paragraph, judged from the previous line's item: a sibling of the same list, a sub-list, or an item that may
 * interrupt a paragraph. Unsure means no: the paragraph's allowance then carries on (only ever more escaping).
 */
function startsItem(item: Item, prev: Item | null): boolean {
  if (prev && item.indent === prev.indent && item.kind === prev.kind) return true;
  if (prev && item.indent > prev.indent && item.indent <= prev.content + 3) return item.mayInterrupt;
  return item.indent <= 3 && item.mayInterrupt;
}

/** Tracks fenced code blocks, whose lines are code and never containers or emphasis. */
class Fences {
  private open: string | null = null;
  /** Whether this line (its text after the markers) is part of a fence, opening and closing lines included. */
  inFence(text: string): boolean {
    const m = FENCE.exec(text);
    if (this.open !== null) {
      if (m && m[1][0] === this.open[0] && m[1].length >= this.open.length && text.slice(m[0].length).trim() === '') this.open = null;
      return true;
    }
    if (m && !(m[1][0] === '`' && text.slice(m[0].length).includes('`'))) {
      this.open = m[1];
      return true;
    }
    return false;
  }
}

/** Why this markdown may not be stored (too deeply nested), or null when it may. */
export function markdownProblem(md: string, maxDepth = MARKDOWN_MAX_DEPTH): string | null {
  const fences = new Fences();
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const p = readPrefix(lines[i], maxDepth);
    if (fences.inFence(lines[i].slice(p.end))) continue;
    if (p.depth > maxDepth) return `Quotes and lists may nest at most ${maxDepth} levels deep; line ${i + 1} nests ${p.depth}.`;
  }
  return null;
}

/** Escapes `*` and `_` past the paragraph's allowance (outside code spans); returns the new line and the count so far. */
function escapeDelimiters(text: string, seen: number, max: number): [string, number] {
  let inCode = false;
  const out = text.replace(/\\.|`|[*_]/g, (m) => {
    if (m === '`') inCode = !inCode;
    else if (m.length === 1 && !inCode && ++seen > max) return `\\${m}`;
    return m;
  });
  return [out, seen];
}

/**
 * The same markdown with everything past the bounds made literal: container markers beyond the maximum depth
 * and emphasis delimiters beyond a paragraph's allowance get a backslash. Linear in the text; within the bounds
 * the text comes back unchanged.
 */
export function boundedMarkdown(md: string, maxDepth = MARKDOWN_MAX_DEPTH, maxDelimiters = MARKDOWN_MAX_DELIMITERS): string {
  const fences = new Fences();
  let seen = 0;
  let prevItem: Item | null = null;
  const lines = md.split('\n').map((line) => {
    const p = readPrefix(line, maxDepth);
    if (fences.inFence(line.slice(p.end))) return line;
    const [head, rest] = p.overAt < 0 ? [line.slice(0, p.end), line.slice(p.end)] : literalMarker(line.slice(0, p.overAt), line.slice(p.overAt));
    // Each paragraph or list item is its own inline block, with its own allowance; a blank line keeps the list.
    // An empty list item may be a paragraph's lazy continuation; an empty quote line is a blank line in the quote.
    const empty = rest.trim() === '';
    const blank = empty && (p.item === null || p.overAt >= 0);
    const item = !empty && p.overAt < 0 && p.item && startsItem(p.item, prevItem) ? p.item : null;
    if (blank || item) seen = 0;
    if (!blank) prevItem = item;
    const [text, count] = escapeDelimiters(rest, seen, maxDelimiters);
    seen = count;
    return head + text;
  });
  return lines.join('\n');
}

/** Splits a line at its first marker too many, made literal (`\>`, `\-`, `1\.`): what follows is plain text. */
function literalMarker(before: string, tail: string): [string, string] {
  const digits = /^\d{0,9}/.exec(tail)![0];
  const at = digits.length + 1;
  return [`${before}${digits}\\${tail.slice(digits.length, at)}`, tail.slice(at)];
}
