/** The SMTP transport (nodemailer) and how its errors are classified. */
import nodemailer from 'nodemailer';
import type { OutboxRow, SendResult } from '../services/mail-outbox';

export type SendFn = (row: OutboxRow) => Promise<SendResult>;

/** A sender for `smtpUrl`; timeouts bound every stage so a stuck server cannot hold a lease forever. */
export function smtpSender(smtpUrl: string, from: string, timeoutMs: number): SendFn {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return async (row) => {
    try {
      await transport.sendMail({ from, to: row.to, subject: row.subject, text: row.text, html: row.html, headers: row.headers });
      return { ok: true };
    } catch (err) {
      const e = err as { responseCode?: number; code?: string; message?: string };
      const code = e.responseCode ?? 0;
      return { ok: false, permanent: code >= 500 && code < 600, error: code ? `SMTP ${code}: ${e.message ?? ''}` : (e.code ?? e.message ?? String(err)) };
    }
  };
}
