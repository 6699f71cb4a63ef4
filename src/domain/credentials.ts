/**
 * Credential rules, once for every door (admin users, the first-run setup, ADMIN_EMAIL / ADMIN_PASSWORD, the CLI,
 * subscribers): how an e-mail address is compared, which ones are accepted, and which passwords are long enough.
 * Decision 024 explains the password lengths.
 */

/** RFC 5321's limit on a whole address. */
export const MAX_EMAIL_LENGTH = 254;
export const MIN_PASSWORD_LENGTH = 10;
/** Bounds the work of hashing; a passphrase fits easily. */
export const MAX_PASSWORD_LENGTH = 200;

/**
 * The browser's own `<input type="email">` rule (WHATWG HTML), so the server accepts exactly what the form lets
 * through: a dot-atom local part, an @, and host-name labels; a single-label host (admin@localhost) is allowed.
 */
const EMAIL_PATTERN = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The form an address is stored and compared in: trimmed, lower-case (so Ops@Example.com is ops@example.com). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Why an address (normalised or not) is refused, or null. */
export function emailProblem(email: string): string | null {
  const e = normalizeEmail(email);
  if (e === '') return 'Enter an e-mail address.';
  if (e.length > MAX_EMAIL_LENGTH) return `At most ${MAX_EMAIL_LENGTH} characters.`;
  if (!EMAIL_PATTERN.test(e)) return 'Enter an e-mail address such as you@example.com.';
  return null;
}

/** Why a new password is refused, or null (length only: a long passphrase beats composition rules). */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}
