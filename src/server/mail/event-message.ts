/** Incident and maintenance e-mail: rendered once per event into the MJML shell; a fan-out only adds each subscriber's links. */
import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../domain/html-escape';
import { renderMarkdown } from '../markdown';
import type { Links, Message } from './compose';
import { fillShell, textSlot, type Shell, type Slot } from './template';
import { htmlToText } from './text';

export interface EventContent {
  pageName: string;
  logoUrl: string | null;
  heading: string;
  /** "Resolved", "Scheduled"…; null for a post-mortem. */
  status: string | null;
  /** "Impact: Critical · Posted Dec 7, 2026, 14:30 UTC" parts, in order. */
  meta: string[];
  components: { name: string; status: string }[];
  markdown: string;
  url: string;
  buttonLabel: string;
}

// Mail clients drop <style> now and then: the operator's blocks carry their wrapping rules inline as well.
const INLINE: Record<string, string> = {
  pre: 'white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;padding:8px;border-radius:6px;font-size:13px',
  table: 'width:100%;table-layout:fixed;border-collapse:collapse',
  th: 'border:1px solid #d0d7de;padding:4px 6px;text-align:left;overflow-wrap:anywhere',
  td: 'border:1px solid #d0d7de;padding:4px 6px;overflow-wrap:anywhere',
  blockquote: 'margin:0;padding-left:12px;border-left:3px solid #d0d7de;color:#59636e',
};
const STYLED = new RegExp(`<(${Object.keys(INLINE).join('|')})(?=[\\s>])`, 'g');

/** Sanitised markdown HTML with the inline styles above (sanitize-html strips any style of the operator's own). */
function mailMarkdown(md: string): string {
  return renderMarkdown(md).replace(STYLED, (m, tag: string) => `${m} style="${INLINE[tag]}"`);
}

function componentsTable(rows: EventContent['components']): string {
  if (!rows.length) return '';
  const cells = rows.map((c) => `<tr><td style="${INLINE.td}"><bdi>${escapeHtml(c.name)}</bdi></td><td style="${INLINE.td}">${escapeHtml(c.status)}</td></tr>`).join('');
  return `<table style="${INLINE.table}"><thead><tr><th style="${INLINE.th}">Component</th><th style="${INLINE.th};width:40%">Status</th></tr></thead><tbody>${cells}</tbody></table>`;
}

const titleOf = (e: Pick<EventContent, 'heading' | 'status'>) => (e.status ? `${e.heading} — ${e.status}` : e.heading);

/** The message of one event for any subscriber: HTML and text built once, the links put in per subscriber. */
export function eventMessageFor(shell: Shell, e: EventContent): (links: Links) => Message {
  // per-render markers the operator cannot guess, so nothing they write is taken for a link
  const nonce = randomBytes(12).toString('hex');
  const manage = `${nonce}m`;
  const unsubscribe = `${nonce}u`;
  const title = titleOf(e);
  const footer = `You receive this because you subscribed to updates from ${escapeHtml(e.pageName)}. <a href="${manage}">Manage your subscription</a> · <a href="${unsubscribe}">Unsubscribe</a>`;
  const meta = textSlot(e.meta.join(' · '));
  const components = componentsTable(e.components);
  const body = mailMarkdown(e.markdown);
  const values: Record<Slot, string> = { page: textSlot(e.pageName), logo: escapeHtml(e.logoUrl ?? ''), heading: textSlot(title), meta, components, body, buttonUrl: escapeHtml(e.url), buttonLabel: textSlot(e.buttonLabel), footer };
  const html = fillShell(shell, values);
  const textFooter = `<p>You receive this because you subscribed to updates from ${escapeHtml(e.pageName)}.</p><p>Manage your subscription: ${manage}<br>Unsubscribe: ${unsubscribe}</p>`;
  const text = htmlToText(`<p>${textSlot(e.pageName)}</p><h1>${textSlot(title)}</h1><p>${meta}</p>${components}${body}<p>${textSlot(e.buttonLabel)}: ${escapeHtml(e.url)}</p><hr>${textFooter}`);
  const subject = `[${e.pageName}] ${title}`;
  const htmlParts = splitAt(html, manage, unsubscribe);
  const textParts = splitAt(text, manage, unsubscribe);
  return (links) => ({ subject, html: joinLinks(htmlParts, links, escapeHtml), text: joinLinks(textParts, links, (s) => s) });
}

function splitAt(s: string, manage: string, unsubscribe: string): { parts: string[]; kinds: ('manage' | 'unsubscribe')[] } {
  const parts: string[] = [];
  const kinds: ('manage' | 'unsubscribe')[] = [];
  let last = 0;
  for (const m of s.matchAll(new RegExp(`${manage}|${unsubscribe}`, 'g'))) {
    parts.push(s.slice(last, m.index));
    kinds.push(m[0] === manage ? 'manage' : 'unsubscribe');
    last = m.index + m[0].length;
  }
  parts.push(s.slice(last));
  return { parts, kinds };
}

function joinLinks(p: { parts: string[]; kinds: ('manage' | 'unsubscribe')[] }, links: Links, esc: (s: string) => string): string {
  let out = p.parts[0];
  for (let i = 0; i < p.kinds.length; i++) out += esc(links[p.kinds[i]]) + p.parts[i + 1];
  return out;
}
