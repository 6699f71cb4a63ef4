/** SMTP_URL and MAIL_FROM are checked at start-up with a message naming the variable. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';

const parse = (env: Record<string, string>) => parseConfig(env, { checkFs: false });

describe('mail configuration', () => {
  it('is off without SMTP_URL', () => expect(parse({}).smtpUrl).toBeNull());
  it.each(['smtp://user:pass@mail.example.com:587', 'smtps://mail.example.com:465', 'smtp://127.0.0.1:2525'])('accepts %s', (url) => {
    expect(parse({ SMTP_URL: url, MAIL_FROM: 'Acme Status <status@example.com>' }).smtpUrl).toBe(url);
  });
  it.each([
    [{ SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'a@example.com' }, /SMTP_URL/],
    [{ SMTP_URL: 'mail.example.com', MAIL_FROM: 'a@example.com' }, /SMTP_URL/],
    [{ SMTP_URL: 'smtp://mail.example.com' }, /MAIL_FROM must be set/],
    [{ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'not an address' }, /MAIL_FROM/],
    [{ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'a@example.com', MAIL_RATE_PER_MINUTE: '0' }, /MAIL_RATE_PER_MINUTE/],
  ])('refuses %o', (env, message) => expect(() => parse(env)).toThrow(message));
});
