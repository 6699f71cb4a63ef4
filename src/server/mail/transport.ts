/** The SMTP transport (nodemailer) and how its errors are classified. */
import type { Transporter } from 'nodemailer';
import type { OutboxRow, SendResult } from '../services/mail-outbox';

export type SendFn = ((row: OutboxRow) => Promise<SendResult>) & { close?: () => void };

/** Connections the pool keeps open to the SMTP server; messages queue for them instead of opening their own. */
export const SMTP_POOL_SIZE = 5;

/** A sender for `smtpUrl` over a pool of reused connections; timeouts bound every stage so a stuck server cannot hold a lease forever. */
export function smtpSender(smtpUrl: string, from: string, timeoutMs: number): SendFn {
  // nodemailer is loaded with the first message, not at start-up (it is a tenth of the server's import time).
  let transport: Promise<Transporter> | undefined;
  const open = () =>
    (transport ??= import('nodemailer').then((m) => m.default.createTransport({ url: smtpUrl, pool: true, maxConnections: SMTP_POOL_SIZE, maxMessages: Infinity, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs })));
  const send: SendFn = async (row) => {
    try {
      await (await open()).sendMail({ from, to: row.to, subject: row.subject, text: row.text, html: row.html, ...headerFields(row.headers) });
      return { ok: true };
    } catch (err) {
      const e = err as { responseCode?: number; code?: string; message?: string };
      const code = e.responseCode ?? 0;
      return { ok: false, permanent: code >= 500 && code < 600, error: code ? `SMTP ${code}: ${e.message ?? ''}` : (e.code ?? e.message ?? String(err)) };
    }
  };
  // the pool's idle connections would otherwise hold the process (and the SMTP server's shutdown) open
  send.close = () => void transport?.then((t) => t.close());
  return send;
}

/**
 * Threading headers go through nodemailer's own fields (it reads the Message-ID back); the others are ASCII already
 * (src/domain/mail-thread.ts) and are sent as written, not MIME-encoded ("List-Id: =?UTF-8?Q?…" is no list id).
 */
function headerFields(h: Record<string, string>) {
  const { 'Message-ID': messageId, 'In-Reply-To': inReplyTo, References: references, ...rest } = h;
  const headers = Object.fromEntries(Object.entries(rest).map(([k, value]) => [k, { prepared: true, value }]));
  return { messageId, inReplyTo, references, headers };
}
