/** Sign-up and notice e-mail (confirm, manage, webhook disabled); incident and maintenance mail is event-message.ts. */
import { escapeHtml } from '../../domain/html-escape';

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
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(heading)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:auto;padding:1rem;color:#1a1a1a;overflow-wrap:anywhere">
<p style="color:#555">${escapeHtml(pageName)}</p><h1 style="font-size:1.25rem">${escapeHtml(heading)}</h1>${bodyHtml}<hr><p style="font-size:.85rem;color:#555">${footer}</p></body></html>`;
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
