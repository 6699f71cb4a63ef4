/** The environment, each variable once: how it is parsed, its default and its README description (config.ts maps it to Config). */
import path from 'node:path';
import { z } from 'zod';
import { parseEnvNames } from '../domain/command-env';
import { emailProblem, MIN_PASSWORD_LENGTH, passwordProblem } from '../domain/credentials';
import { onOff, oneOf, optional, refuse, text, wholeNumber, withDefault } from './env-vars';

const MB = 1024 * 1024;

const siteUrl = (raw: string) => {
  try {
    const u = new URL(raw.trim());
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin + u.pathname.replace(/\/+$/, '');
  } catch {
    // refused below
  }
  return refuse(`must be an absolute http(s) URL (got "${raw.trim()}")`);
};

// No "got": the URL may hold the SMTP password.
const smtpUrl = (raw: string) => {
  const u = URL.parse(raw.trim());
  return u && (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname ? raw.trim() : refuse('must look like smtp://user:pass@mail.example.com:587 or smtps://mail.example.com:465');
};

const mailFrom = (raw: string) => (/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(raw.trim()) ? raw.trim() : refuse(`must be an address or "Name <address>" (got "${raw.trim()}")`));

const adminEmail = (raw: string) => (emailProblem(raw) ? refuse(`must be an email address (got "${raw.trim()}")`) : raw.trim());

// No "got": never echo a password.
const adminPassword = (raw: string) => {
  const weak = passwordProblem(raw);
  return weak ? refuse(`is refused: ${weak}`) : raw;
};

const metricsToken = (raw: string) => (raw.trim().length < 16 ? refuse('must be at least 16 characters') : raw.trim());

const list = (raw: string) => raw.split(/[\s,]+/).filter(Boolean);

const envNames = (raw: string) => {
  const names = parseEnvNames(raw);
  return 'invalid' in names ? refuse(`must list variable names separated by commas or spaces (got "${names.invalid}")`) : names.names;
};

const absolutePath = (raw: string) => path.resolve(raw.trim());

/** Every variable the application reads; keys in README order. */
export const EnvSchema = z.object({
  PORT: withDefault('4321', 'port to listen on (`0` = any free port)', wholeNumber(0, 65535)),
  HOST: withDefault('127.0.0.1', 'address to listen on (`0.0.0.0` to expose)', text),
  DATABASE_PATH: withDefault('./data/status.db', 'the SQLite file (created and migrated at start-up)', absolutePath),
  SITE_URL: optional('public origin used for absolute links in feeds, API and e-mails', siteUrl, 'http://localhost:$PORT'),
  PAGE_NAME: withDefault('Status', 'page name until one is set in the admin', text),
  ADMIN_EMAIL: optional('with `ADMIN_PASSWORD`: create the first admin on an empty database', adminEmail),
  ADMIN_PASSWORD: optional(`with \`ADMIN_EMAIL\`: the first admin's password (at least ${MIN_PASSWORD_LENGTH} characters)`, adminPassword),
  MONITORS: withDefault('on', '`off` keeps the monitor runner out of the web process', onOff),
  MONITOR_RETENTION_DAYS: withDefault('30', 'how long raw monitor results are kept', wholeNumber(1, 3650)),
  SESSION_IDLE_MINUTES: withDefault('720', 'operator sessions expire after this much inactivity', wholeNumber(5, 60 * 24 * 90)),
  VIEWER_SESSION_IDLE_MINUTES: withDefault('1440', "private pages' viewer sessions expire after this much inactivity (their cookie is `sp_viewer`, apart from operators')", wholeNumber(5, 60 * 24 * 90)),
  VIEWER_OIDC_ALLOW_PRIVATE_ISSUERS: withDefault('off', "`on` lets a private page's OpenID Connect issuer be a private or loopback address, and plain `http://` (tests, an identity provider on your own network); off, issuers must be public `https://` hosts", onOff),
  MAX_BODY_BYTES: withDefault('262144', 'larger request bodies are refused with 413', wholeNumber(1024, 50 * MB)),
  CACHE_MAX_BYTES: withDefault('33554432', 'upper bound of the in-memory cache of public responses (32 MB; least recently used entries go first)', wholeNumber(0, 1024 * MB)),
  FRAME_ANCESTORS: optional('origins allowed to embed pages and badges', list),
  WEBHOOK_DISABLE_AFTER_HOURS: withDefault('72', 'a webhook subscriber failing this long without one success is disabled', wholeNumber(1, 24 * 365)),
  WEBHOOK_RETRY_BASE_SECONDS: withDefault('30', 'first webhook retry delay; doubles per attempt, at most an hour', wholeNumber(1, 3600)),
  WEBHOOK_TIMEOUT_MS: withDefault('10000', 'a webhook receiver must answer within this time', wholeNumber(100, 120_000)),
  WEBHOOK_CONCURRENCY: withDefault('100', 'webhook deliveries in flight at once per server process; the next due one starts as soon as any finishes', wholeNumber(1, 10_000)),
  WEBHOOK_PER_HOST_CONCURRENCY: withDefault('4', 'webhook deliveries in flight at once to one receiver (scheme, host and port), so a hanging receiver holds at most this many slots', wholeNumber(1, 1_000)),
  WEBHOOK_RETENTION_DAYS: withDefault('30', 'delivered and given-up webhook deliveries are deleted after this many days (pending ones are kept)', wholeNumber(1, 3650)),
  API_RATE_PER_MINUTE: withDefault('600', 'requests each API key (or signed-in operator) may make a minute to Statuspage\'s management API (`/api/v1/pages/…`), as a burst refilled evenly; past it the answer is 429 with `Retry-After` (Statuspage itself allows 60)', wholeNumber(1, 1_000_000)),
  SMTP_URL: optional('e-mail subscriptions: `smtp://user:pass@mail.example.com:587` (STARTTLS when offered) or `smtps://…:465`; unset hides the Subscribe button', smtpUrl),
  MAIL_FROM: optional('required with `SMTP_URL`: `Acme Status <status@example.com>`', mailFrom),
  MAIL_RATE_PER_MINUTE: withDefault('120', 'most messages each server process sends per minute', wholeNumber(1, 100_000)),
  MAIL_SIGNUP_PERCENT: withDefault('50', 'share of that rate that sign-up mail (confirmations, manage links) may use; incident and maintenance mail is sent first and may use all of it', wholeNumber(1, 100)),
  MAIL_RETRY_BASE_SECONDS: withDefault('30', 'first retry after a refusal; doubles per attempt, at most an hour; given up after 3 days', wholeNumber(1, 3600)),
  MAIL_TIMEOUT_MS: withDefault('30000', 'each SMTP stage (connect, greeting, each reply)', wholeNumber(100, 300_000)),
  MAIL_RETENTION_DAYS: withDefault('7', 'sent and given-up subscriber e-mails are deleted after this many days (pending ones are kept)', wholeNumber(1, 3650)),
  MAIL_MAX_HARD_FAILURES: withDefault('3', 'permanent (5xx) refusals after which an address is marked failed and gets no more mail', wholeNumber(1, 100)),
  LIVE_STREAMS_PER_CLIENT: withDefault('10', 'live-update streams (`/api/stream`) one client may hold open (an IPv4 address, or an IPv6 /64); past it the answer is 429 with `Retry-After` and the page polls every 30 s instead', wholeNumber(1, 10_000)),
  LIVE_STREAMS_MAX: optional('live-update streams open in all (503 with `Retry-After` past it, the page polls); unset: the open-file limit less a quarter (at least 128 kept), at most 20000; must stay at least 64 below the open-file limit, since every stream holds a descriptor', wholeNumber(1, 1_000_000)),
  TRUST_PROXY: withDefault('off', '`1` behind your own reverse proxy: the client IP (rate limits, audit) comes from `X-Forwarded-For`', onOff),
  EXPORT_DIR: optional('keep a static mirror of the public site in this folder, rewritten (changed files only) at most once a second after each change; see [docs/SCALING.md](docs/SCALING.md)', absolutePath),
  EXPORT_COMMAND: optional('shell command run after each export, e.g. `aws s3 sync "$EXPORT_DIR" s3://bucket --delete`; retried with doubling delays while it fails, reported on `/healthz` and `/admin`', text),
  PURGE_COMMAND: optional('shell command run after each change with the stale cache tags in `$PURGE_TAGS` (space-separated), for CDNs that purge by tag', text),
  COMMAND_ENV: optional('names of variables (comma- or space-separated, e.g. `AWS_PROFILE,AWS_REGION`) passed on to `EXPORT_COMMAND` and `PURGE_COMMAND`; they get only `PATH`, `HOME`, their own `EXPORT_DIR`/`PURGE_TAGS` and these', envNames),
  METRICS: withDefault('off', '`on` serves `/metrics` (Prometheus text: component status and 90-day uptime, open incidents, monitor checks) to anyone', onOff),
  METRICS_TOKEN: optional('at least 16 characters: serves `/metrics` only with `Authorization: Bearer <token>`', metricsToken),
  MIGRATIONS_DIR: optional('the folder of drizzle migrations (with `meta/_journal.json`), when the build runs away from its `db/migrations`', absolutePath),
  LOG_LEVEL: withDefault('info', '`debug`, `info`, `warn`, `error` or `silent`; logs are JSON lines', oneOf(['debug', 'info', 'warn', 'error', 'silent'])),
});

export type Env = z.output<typeof EnvSchema>;
