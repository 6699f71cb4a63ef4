/**
 * Mail lanes: notifications (incident, maintenance, a channel's own notice) go before mail that anyone can
 * trigger from a public form (sign-up confirmations, manage links), and the form's mail gets only a share of the rate.
 */
// Decision: docs/decisions/029-fair-queues.md

export const MAIL_LANES = ['notification', 'signup'] as const;
export type MailLane = (typeof MAIL_LANES)[number];

/** Outbox events (`change:<id>`…) that are notifications; anything else, present or future, waits in the sign-up lane. */
const NOTIFICATION_PREFIXES = ['change:', 'webhook-disabled:'];

/** The lane of an outbox event. */
export function mailLane(event: string): MailLane {
  return NOTIFICATION_PREFIXES.some((p) => event.startsWith(p)) ? 'notification' : 'signup';
}

export interface LaneRate {
  /** Messages per minute, all lanes together. */
  perMinute: number;
  /** Percent of perMinute the sign-up lane may use (at least one message a minute). */
  signupPercent: number;
  /** Messages in flight at once. */
  concurrency: number;
}

/** How many of each lane may be claimed now, given what was sent in the last minute; notifications are served first. */
export function laneBudgets(sent: Record<MailLane, number>, rate: LaneRate): Record<MailLane, number> {
  const free = Math.max(0, Math.min(rate.concurrency, rate.perMinute - sent.notification - sent.signup));
  const signupCap = Math.max(1, Math.floor((rate.perMinute * rate.signupPercent) / 100));
  return { notification: free, signup: Math.max(0, Math.min(free, signupCap - sent.signup)) };
}
