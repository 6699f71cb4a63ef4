/** Signed subscriber links and the outbox claim: a tampered, expired or re-purposed link is refused; two claimers never share a row. */
import { afterAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../domain/constants';
import { freshDb } from '../../testing/db';
import { claimMail, enqueueMail } from '../services/mail-outbox';
import { LINK_LIFETIME_MS, signLink, verifyLink } from './links';

const db = freshDb();
afterAll(() => db.$client.close());
const t = Date.UTC(2030, 5, 1);

describe('signed links', () => {
  const token = signLink(db, 'manage', 42, t);
  it.each([
    ['the token as issued', token, 'manage', t, 42],
    ['just before expiry', token, 'manage', t + LINK_LIFETIME_MS.manage - 1000, 42],
    ['after expiry', token, 'manage', t + LINK_LIFETIME_MS.manage + 1000, null],
    ['another purpose', token, 'confirm', t, null],
    ['another subscriber', token.replace('.42.', '.43.'), 'manage', t, null],
    ['a later expiry', token.replace(/\.(\d+)\./, (_, n) => `.${Number(n) + 1}.`), 'manage', t, null],
    ['a changed signature', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), 'manage', t, null],
    ['garbage', 'manage.1.2.x', 'manage', t, null],
    ['an e-mail manage link as a webhook unsubscribe', token, 'webhook-unsubscribe', t, null],
    ['a webhook unsubscribe link as an e-mail manage one', signLink(db, 'webhook-unsubscribe', 42, t), 'manage', t, null],
    ['a webhook confirm link', signLink(db, 'webhook-confirm', 42, t), 'webhook-confirm', t, 42],
    ['a webhook confirm link after 7 days', signLink(db, 'webhook-confirm', 42, t), 'webhook-confirm', t + 7 * MS_PER_DAY + 1000, null],
  ] as const)('%s', (_, tok, purpose, now, expected) => {
    expect(verifyLink(db, purpose, tok, now)).toBe(expected);
  });

  it('confirmation links last 7 days', () => {
    const c = signLink(db, 'confirm', 7, t);
    expect(verifyLink(db, 'confirm', c, t + 7 * MS_PER_DAY - 1000)).toBe(7);
    expect(verifyLink(db, 'confirm', c, t + 7 * MS_PER_DAY + 1000)).toBeNull();
  });

  it('keeps one secret, generated once', () => {
    const secret = db.$client.prepare("SELECT value FROM settings WHERE key = 'mailSecret'").pluck().get();
    signLink(db, 'manage', 1, t);
    expect(db.$client.prepare("SELECT value FROM settings WHERE key = 'mailSecret'").pluck().get()).toBe(secret);
  });
});

describe('outbox', () => {
  it('queues an event once per subscriber, and a claimed row is invisible to the next claimer until its lease ends', () => {
    db.$client.prepare("INSERT INTO subscribers (id, email, status, created_at) VALUES (900, 'c@example.com', 'confirmed', ?)").run(t);
    const msg = { subject: 's', text: 't', html: '<p>h</p>' };
    expect(enqueueMail(db, 900, 'change:1', 'c@example.com', msg, {}, t)).toBe(true);
    expect(enqueueMail(db, 900, 'change:1', 'c@example.com', msg, {}, t)).toBe(false);
    for (let i = 2; i <= 10; i++) enqueueMail(db, 900, `change:${i}`, 'c@example.com', msg, {}, t);
    const a = claimMail(db, t, 6, 10_000);
    const b = claimMail(db, t, 6, 10_000);
    expect(a).toHaveLength(6);
    expect(b).toHaveLength(4);
    expect(new Set([...a, ...b].map((r) => r.id)).size).toBe(10);
    expect(claimMail(db, t + 5_000, 10, 10_000)).toHaveLength(0);
    expect(claimMail(db, t + 10_000, 10, 10_000)).toHaveLength(10);
  });
});
