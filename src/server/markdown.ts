/** The one markdown path: marked, then sanitize-html. Nothing operator-written reaches a page unsanitised. */
// Decision: docs/decisions/030-markdown-bounds.md
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '../domain/html-escape';
import { flattened } from '../domain/flat-string';
import { boundedMarkdown } from '../domain/markdown-bounds';
import { demoteHeadings } from '../domain/markdown-headings';
import { recordRenderFailure } from './render-failures';

// Soft line breaks stay soft (CommonMark), as Statuspage and GitHub render them.
const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 's',
    'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'kbd', 'sup', 'sub',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], th: ['align'], td: ['align'], ol: ['start'], code: ['class'], pre: ['tabindex', 'role', 'aria-label'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }),
    // A code block scrolls sideways on a phone: keyboard users must be able to reach and scroll it.
    pre: sanitizeHtml.simpleTransform('pre', { tabindex: '0', role: 'region', 'aria-label': 'Code' }, false),
  },
  allowedClasses: { code: [/^language-[a-z0-9-]+$/] },
  // discard: unknown tags vanish and script/style content with them (escaping would print the script as text).
  disallowedTagsMode: 'discard',
};

/**
 * Rendered HTML by markdown text. Rendering is a pure function of the text, and every page shows the same few
 * update bodies again and again (marked + sanitize-html is most of an incident list's render); an LRU bounded in
 * characters, so a few long post-mortems cannot hold much memory.
 */
export const MEMO_MAX_CHARS = 4_000_000;
const memo = new Map<string, string>();
let memoChars = 0;

/** What the memo holds now (for tests). */
export const markdownMemo = { entries: () => memo.size, chars: () => memoChars };

/** Renders markdown to sanitised HTML. */
export function renderMarkdown(md: string): string {
  const text = md ?? '';
  const hit = memo.get(text);
  if (hit !== undefined) {
    memo.delete(text);
    memo.set(text, hit);
    return hit;
  }
  const html = flattened(renderGuarded(text, toHtml));
  const size = text.length + html.length;
  if (size <= MEMO_MAX_CHARS / 8) {
    for (const [k, v] of memo) {
      if (memoChars + size <= MEMO_MAX_CHARS) break;
      memo.delete(k);
      memoChars -= k.length + v.length;
    }
    memo.set(text, html);
    memoChars += size;
  }
  return html;
}

/** marked then sanitize-html, on the text with whatever is past the bounds made literal (linear time, bounded recursion). */
function toHtml(text: string): string {
  return sanitizeHtml(demoteHeadings(marked.parse(boundedMarkdown(text)) as string), SANITIZE);
}

/** What an item that cannot be rendered shows: its source, escaped, under a note. */
export const SOURCE_NOTE = 'This text could not be formatted; it is shown as written.';

/** Runs `render`; if it throws, the item shows as its escaped source with a note, and the failure is counted and logged once. */
export function renderGuarded(text: string, render: (text: string) => string): string {
  try {
    return render(text);
  } catch (err) {
    recordRenderFailure(text, err);
    return `<div class="markdown-source"><p><em>${SOURCE_NOTE}</em></p><pre>${escapeHtml(text)}</pre></div>`;
  }
}

/** Plain text of markdown, for summaries and accessible names. */
export function markdownToText(md: string): string {
  const text = md ?? '';
  try {
    const html = marked.parse(boundedMarkdown(text)) as string;
    return decodeEntities(sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim());
  } catch (err) {
    recordRenderFailure(text, err);
    return text.replace(/\s+/g, ' ').trim();
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** sanitize-html escapes its text output; plain-text consumers (iCal) need the characters back. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e.toLowerCase()] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}
