/** Reads and validates the environment once; a bad value ends start-up with a one-line message. */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnvNames } from '../domain/command-env';
import { emailProblem, passwordProblem } from '../domain/credentials';
import { makePrivateDirs } from './private-files';

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  siteUrl: string;
  pageName: string;
  monitors: boolean;
  adminEmail: string | null;
  adminPassword: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  monitorRetentionDays: number;
  sessionIdleMinutes: number;
  maxBodyBytes: number;
  frameAncestors: string[];
  /** Webhooks: a subscriber failing this long without a success is disabled. */
  webhookDisableAfterHours: number;
  /** Webhooks: first retry delay (doubles per attempt, capped at an hour). */
  webhookRetryBaseSeconds: number;
  webhookTimeoutMs: number;
  /** Webhooks: deliveries in flight at once per process. */
  webhookConcurrency: number;
  /** Webhooks: deliveries in flight at once to one receiver (scheme, host and port). */
  webhookPerHostConcurrency: number;
  /** Webhooks: delivered and given-up deliveries are deleted after this many days. */
  webhookRetentionDays: number;
  /** Take the client IP from the last X-Forwarded-For entry (set only behind your own reverse proxy). */
  trustProxy: boolean;
  /** Upper bound of the public response cache, in bytes (bodies in every encoding plus bookkeeping). */
  cacheMaxBytes: number;
  /** Subscriber e-mail: smtp:// or smtps:// URL; null hides the Subscribe button. */
  smtpUrl: string | null;
  mailFrom: string | null;
  /** Messages sent per minute by each process at most. */
  mailRatePerMinute: number;
  /** Percent of that rate sign-up mail (confirmations, manage links) may use; notifications may use all of it. */
  mailSignupPercent: number;
  /** First retry delay (doubles per attempt, capped at an hour). */
  mailRetryBaseSeconds: number;
  mailTimeoutMs: number;
  /** Permanent (5xx) refusals after which an address is marked failed. */
  mailMaxHardFailures: number;
  /** Static mirror kept current on every change (null: off). */
  exportDir: string | null;
  /** Shell command run after each export, e.g. a sync to object storage (EXPORT_DIR is in its environment). */
  exportCommand: string | null;
  /** Shell command run after each change with the changed cache tags in $PURGE_TAGS (space-separated). */
  purgeCommand: string | null;
  /** Variables passed on to those commands besides PATH, HOME and their own (COMMAND_ENV). */
  commandEnv: string[];
  /** /metrics: off (404), open (METRICS=on) or behind a bearer token (METRICS_TOKEN). */
  metrics: { enabled: false } | { enabled: true; token: string | null };
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function checkWritable(dbPath: string): void {
  const dir = path.dirname(dbPath);
  try {
    makePrivateDirs(dir);
    if (!fs.statSync(dir).isDirectory()) throw new Error('not a directory');
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(dbPath)) fs.accessSync(dbPath, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw new ConfigError(`DATABASE_PATH "${dbPath}" is not writable (directory ${dir})`);
  }
}

/** Parses the environment into a Config, throwing ConfigError naming the variable at fault. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env, opts: { checkFs?: boolean } = {}): Config {
  const port = int(env, 'PORT', 4321, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  const databasePath = path.resolve(env.DATABASE_PATH?.trim() || './data/status.db');
  if (opts.checkFs !== false) checkWritable(databasePath);

  const rawSite = env.SITE_URL?.trim() || `http://localhost:${port || 4321}`;
  let siteUrl: string;
  try {
    const u = new URL(rawSite);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    siteUrl = u.origin + u.pathname.replace(/\/+$/, '');
  } catch {
    throw new ConfigError(`SITE_URL must be an absolute http(s) URL (got "${rawSite}")`);
  }

  const monitorsRaw = (env.MONITORS ?? 'on').trim().toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(monitorsRaw)) {
    throw new ConfigError(`MONITORS must be "on" or "off" (got "${env.MONITORS}")`);
  }

  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error, silent (got "${env.LOG_LEVEL}")`);
  }

  const adminEmail = env.ADMIN_EMAIL?.trim() || null;
  const adminPassword = env.ADMIN_PASSWORD || null;
  if ((adminEmail === null) !== (adminPassword === null)) {
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminEmail && emailProblem(adminEmail)) {
    throw new ConfigError(`ADMIN_EMAIL must be an email address (got "${adminEmail}")`);
  }
  const weak = adminPassword ? passwordProblem(adminPassword) : null;
  if (weak) throw new ConfigError(`ADMIN_PASSWORD: ${weak}`);

  const mail = parseMail(env);
  const metricsRaw = (env.METRICS ?? 'off').trim().toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(metricsRaw)) throw new ConfigError(`METRICS must be "on" or "off" (got "${env.METRICS}")`);
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  const metrics: Config['metrics'] = metricsToken ? { enabled: true, token: metricsToken } : ['on', 'true', '1'].includes(metricsRaw) ? { enabled: true, token: null } : { enabled: false };

  return {
    ...mail,
    metrics,
    port,
    host,
    databasePath,
    siteUrl,
    pageName: env.PAGE_NAME?.trim() || 'Status',
    monitors: ['on', 'true', '1'].includes(monitorsRaw),
    adminEmail,
    adminPassword,
    logLevel,
    monitorRetentionDays: int(env, 'MONITOR_RETENTION_DAYS', 30, 1, 3650),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 12 * 60, 5, 60 * 24 * 90),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 256 * 1024, 1024, 50 * 1024 * 1024),
    frameAncestors: (env.FRAME_ANCESTORS ?? '').split(/[\s,]+/).filter(Boolean),
    webhookDisableAfterHours: int(env, 'WEBHOOK_DISABLE_AFTER_HOURS', 72, 1, 24 * 365),
    webhookRetryBaseSeconds: int(env, 'WEBHOOK_RETRY_BASE_SECONDS', 30, 1, 3600),
    webhookTimeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    webhookConcurrency: int(env, 'WEBHOOK_CONCURRENCY', 100, 1, 10_000),
    webhookPerHostConcurrency: int(env, 'WEBHOOK_PER_HOST_CONCURRENCY', 4, 1, 1_000),
    webhookRetentionDays: int(env, 'WEBHOOK_RETENTION_DAYS', 30, 1, 3650),
    trustProxy: ['on', 'true', '1'].includes((env.TRUST_PROXY ?? '').trim().toLowerCase()),
    cacheMaxBytes: int(env, 'CACHE_MAX_BYTES', 32 * 1024 * 1024, 0, 1024 * 1024 * 1024),
    ...mirrorConfig(env),
  };
}

function parseMail(env: NodeJS.ProcessEnv): Pick<Config, 'smtpUrl' | 'mailFrom' | 'mailRatePerMinute' | 'mailSignupPercent' | 'mailRetryBaseSeconds' | 'mailTimeoutMs' | 'mailMaxHardFailures'> {
  const raw = env.SMTP_URL?.trim() || null;
  if (raw) {
    let u: URL | null;
    try {
      u = new URL(raw);
    } catch {
      u = null;
    }
    if (!u || (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') || !u.hostname) {
      throw new ConfigError('SMTP_URL must look like smtp://user:pass@mail.example.com:587 or smtps://mail.example.com:465');
    }
  }
  const mailFrom = env.MAIL_FROM?.trim() || null;
  if (raw && !mailFrom) throw new ConfigError('MAIL_FROM must be set with SMTP_URL (e.g. "Acme Status <status@example.com>")');
  if (mailFrom && !/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(mailFrom)) {
    throw new ConfigError(`MAIL_FROM must be an address or "Name <address>" (got "${mailFrom}")`);
  }
  return {
    smtpUrl: raw,
    mailFrom,
    mailRatePerMinute: int(env, 'MAIL_RATE_PER_MINUTE', 120, 1, 100_000),
    mailSignupPercent: int(env, 'MAIL_SIGNUP_PERCENT', 50, 1, 100),
    mailRetryBaseSeconds: int(env, 'MAIL_RETRY_BASE_SECONDS', 30, 1, 3600),
    mailTimeoutMs: int(env, 'MAIL_TIMEOUT_MS', 30_000, 100, 300_000),
    mailMaxHardFailures: int(env, 'MAIL_MAX_HARD_FAILURES', 3, 1, 100),
  };
}

function mirrorConfig(env: NodeJS.ProcessEnv): Pick<Config, 'exportDir' | 'exportCommand' | 'purgeCommand' | 'commandEnv'> {
  const exportDir = env.EXPORT_DIR?.trim() ? path.resolve(env.EXPORT_DIR.trim()) : null;
  const exportCommand = env.EXPORT_COMMAND?.trim() || null;
  if (exportCommand && !exportDir) throw new ConfigError('EXPORT_COMMAND needs EXPORT_DIR (the folder it publishes)');
  const names = parseEnvNames(env.COMMAND_ENV ?? '');
  if ('invalid' in names) throw new ConfigError(`COMMAND_ENV must list variable names separated by commas or spaces (got "${names.invalid}")`);
  return { exportDir, exportCommand, purgeCommand: env.PURGE_COMMAND?.trim() || null, commandEnv: names.names };
}

const KEY = Symbol.for('statuspage.config');
type G = typeof globalThis & { [KEY]?: Config };

/** The process's configuration, parsed on first use. */
export function getConfig(): Config {
  const g = globalThis as G;
  return (g[KEY] ??= parseConfig());
}

/** Parses the configuration or exits with a one-line message (for entry points). */
export function loadConfigOrExit(): Config {
  try {
    return getConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
