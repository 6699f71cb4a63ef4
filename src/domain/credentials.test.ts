import { describe, expect, it } from 'vitest';
import { emailProblem, MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, normalizeEmail, passwordProblem } from './credentials';

describe('normalizeEmail', () => {
  it.each<[string, string]>([
    ['ops@example.com', 'ops@example.com'],
    ['  Ops@Example.COM \n', 'ops@example.com'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(normalizeEmail(input)).toBe(expected));
});

describe('emailProblem: the one accepted shape (the browser type=email rule)', () => {
  const atLimit = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`; // 254
  it.each<[string, string | null]>([
    ['ops@example.com', null],
    ['  Ops@Example.com ', null], // compared after normalising
    ['first.last+tag@mail.example.co.uk', null],
    ["o'brien@example.com", null],
    ['admin@localhost', null], // single-label host: ADMIN_EMAIL and users always allowed it
    ['x@a-b.example', null],
    [atLimit, null],
    ['', 'Enter an e-mail address.'],
    ['   ', 'Enter an e-mail address.'],
    [`a${atLimit}`, `At most ${MAX_EMAIL_LENGTH} characters.`],
    ['not-an-address', 'Enter an e-mail address such as you@example.com.'],
    ['a@', 'Enter an e-mail address such as you@example.com.'],
    ['@example.com', 'Enter an e-mail address such as you@example.com.'],
    ['a@@example.com', 'Enter an e-mail address such as you@example.com.'],
    ['a b@example.com', 'Enter an e-mail address such as you@example.com.'],
    ['a@exa mple.com', 'Enter an e-mail address such as you@example.com.'],
    ['a@example.com\r\nBcc: x@evil.test', 'Enter an e-mail address such as you@example.com.'], // no header injection
    ['"quoted"@example.com', 'Enter an e-mail address such as you@example.com.'],
    ['a@-example.com', 'Enter an e-mail address such as you@example.com.'],
    ['a@example-.com', 'Enter an e-mail address such as you@example.com.'],
    ['a@example..com', 'Enter an e-mail address such as you@example.com.'],
    ['a@example.com.', 'Enter an e-mail address such as you@example.com.'],
    ['ü@example.com', 'Enter an e-mail address such as you@example.com.'],
    ['a@bücher.example', 'Enter an e-mail address such as you@example.com.'],
    [`a@${'b'.repeat(64)}.com`, 'Enter an e-mail address such as you@example.com.'], // a label over 63
  ])('%j → %j', (email, problem) => expect(emailProblem(email)).toBe(problem));
});

describe('passwordProblem: length only, 10 to 200', () => {
  it.each<[string, string, string | null]>([
    ['empty', '', `Use at least ${MIN_PASSWORD_LENGTH} characters.`],
    ['9 characters', 'a'.repeat(9), 'Use at least 10 characters.'],
    ['10 characters', 'a'.repeat(10), null],
    ['a passphrase', 'correct horse battery staple', null],
    ['200 characters', 'a'.repeat(MAX_PASSWORD_LENGTH), null],
    ['201 characters', 'a'.repeat(201), 'Use at most 200 characters.'],
    ['10 spaces (length is the rule, not composition)', ' '.repeat(10), null],
  ])('%s', (_name, password, problem) => expect(passwordProblem(password)).toBe(problem));
});
