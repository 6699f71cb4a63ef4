/** The text and HTML of every subscriber e-mail; operator markdown goes through the one sanitising renderer. */
import { escapeHtml } from '../../domain/html-escape';
import { markdownToText, renderMarkdown } from '../markdown';

export interface Message {
  subject: string;
  text: string;
  html: string;
}

export interface Links {
  manage: string;
  unsubscribe: string;
}


function layout(pageName: string, heading: string, bodyHtml: string, footer: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:auto;padding:1rem;color:#1a1a1a">
<p style="color:#555">${escapeHtml(pageName)}</p><h1 style="font-size:1.25rem">${escapeHtml(heading)}</h1>${bodyHtml}<hr><p style="font-size:.85rem;color:#555">${footer}</p></body></html>`;
}

function footers(links: Links): { text: string; html: string } {
  return {
    text: `Manage your subscription or unsubscribe: ${links.manage}`,
    html: `You receive this because you subscribed to updates. <a href="${escapeHtml(links.manage)}">Manage your subscription or unsubscribe</a>.`,
  };
}

export interface EventContent {
  heading: string;
  status: string | null;
  markdown: string;
  affected: string[];
  url: string;
}

/** An event about an incident or a maintenance window (heading, optional "Affected" line, markdown body and a link), rendered once: a fan-out only adds each subscriber's own links. */
export function eventMessageFor(pageName: string, e: EventContent): (links: Links) => Message {
  const subject = `[${pageName}] ${e.heading}${e.status ? ` — ${e.status}` : ''}`;
  const affected = e.affected.length ? `Affected: ${e.affected.join(', ')}` : '';
  const title = e.status ? `${e.heading} — ${e.status}` : e.heading;
  const text = [title, ...(affected ? [affected] : []), '', markdownToText(e.markdown), '', `Details: ${e.url}`, '', '--', ''].join('\n');
  const body = `${affected ? `<p><strong>${escapeHtml(affected)}</strong></p>` : ''}${renderMarkdown(e.markdown)}<p><a href="${escapeHtml(e.url)}">View on the status page</a></p>`;
  // the footer comes last in the layout: cut at the last marker, whatever the operator's text holds
  const page = layout(pageName, title, body, '\u0000');
  const cut = page.lastIndexOf('\u0000');
  const [before, after] = [page.slice(0, cut), page.slice(cut + 1)];
  return (links) => {
    const f = footers(links);
    return { subject, text: text + f.text, html: before + f.html + after };
  };
}

export function confirmMessage(pageName: string, confirmUrl: string): Message {
  const subject = `[${pageName}] Confirm your subscription`;
  const text = `Someone (hopefully you) asked to receive status updates from ${pageName} at this address.\n\nConfirm: ${confirmUrl}\n\nThe link works for 7 days. If you did not ask, ignore this e-mail and the address is forgotten.`;
  const html = layout(pageName, 'Confirm your subscription', `<p>Someone (hopefully you) asked to receive status updates from ${escapeHtml(pageName)} at this address.</p><p><a href="${escapeHtml(confirmUrl)}">Confirm your subscription</a></p><p>The link works for 7 days. If you did not ask, ignore this e-mail and the address is forgotten.</p>`, '');
  return { subject, text, html };
}

export function manageMessage(pageName: string, links: Links): Message {
  const subject = `[${pageName}] Manage your subscription`;
  const text = `This address is already subscribed to ${pageName}.\n\nChange components or unsubscribe: ${links.manage}`;
  const html = layout(pageName, 'Manage your subscription', `<p>This address is already subscribed to ${escapeHtml(pageName)}.</p><p><a href="${escapeHtml(links.manage)}">Change components or unsubscribe</a></p>`, '');
  return { subject, text, html };
}

/** RFC 8058 one-click headers. */
export function unsubscribeHeaders(links: Links): Record<string, string> {
  return { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/**
 * The one e-mail a public webhook causes. Its only visitor-written text is the endpoint URL, shown once as plain
 * text (not a link, not in the subject), so the form cannot relay a message of the visitor's choosing.
 */
export function webhookDisabledMessage(pageName: string, endpoint: string, reason: string, subscribeUrl: string): Message {
  const subject = `[${pageName}] Webhook disabled`;
  const intro = `${pageName} stopped sending status updates to a webhook endpoint registered with this address for failure notices: it kept failing. ${reason}`;
  const text = `${intro}\n\nEndpoint: ${endpoint}\n\nOnce the endpoint answers again, subscribe it again: ${subscribeUrl}`;
  const html = layout(pageName, 'Webhook disabled', `<p>${escapeHtml(intro)}</p><p>Endpoint: <code>${escapeHtml(endpoint)}</code></p><p><a href="${escapeHtml(subscribeUrl)}">Subscribe the endpoint again</a> once it answers.</p>`, '');
  return { subject, text, html };
}
