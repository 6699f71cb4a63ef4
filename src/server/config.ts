/** Reads and validates the environment once; a bad value ends start-up with a one-line message. */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { defaultStreamCap } from '../domain/stream-admission';
import { EnvSchema, type Env } from './env-schema';
import { makePrivateDirs } from './private-files';

export class ConfigError extends Error {}

/** /metrics: off (404), open (METRICS=on) or behind a bearer token (METRICS_TOKEN). */
type Metrics = { enabled: false } | { enabled: true; token: string | null };

/** Rules between variables; each issue names the variable to set. */
function checkTogether(env: Env, ctx: z.RefinementCtx<Env>): void {
  const need = (name: keyof Env, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  if (env.ADMIN_EMAIL !== null && env.ADMIN_PASSWORD === null) need('ADMIN_PASSWORD', 'must be set together with ADMIN_EMAIL');
  if (env.ADMIN_PASSWORD !== null && env.ADMIN_EMAIL === null) need('ADMIN_EMAIL', 'must be set together with ADMIN_PASSWORD');
  if (env.SMTP_URL !== null && env.MAIL_FROM === null) need('MAIL_FROM', 'must be set with SMTP_URL (e.g. "Acme Status <status@example.com>")');
  if (env.EXPORT_COMMAND !== null && env.EXPORT_DIR === null) need('EXPORT_COMMAND', 'needs EXPORT_DIR (the folder it publishes)');
}

function metricsOf(env: Env): Metrics {
  if (env.METRICS_TOKEN) return { enabled: true, token: env.METRICS_TOKEN };
  return env.METRICS ? { enabled: true, token: null } : { enabled: false };
}

/** The variables under the property names the code uses. */
function toConfig(env: Env) {
  return {
    port: env.PORT,
    host: env.HOST,
    databasePath: env.DATABASE_PATH,
    siteUrl: env.SITE_URL ?? `http://localhost:${env.PORT || 4321}`,
    pageName: env.PAGE_NAME,
    monitors: env.MONITORS,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    logLevel: env.LOG_LEVEL,
    monitorRetentionDays: env.MONITOR_RETENTION_DAYS,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    viewerSessionIdleMinutes: env.VIEWER_SESSION_IDLE_MINUTES,
    viewerOidcAllowPrivateIssuers: env.VIEWER_OIDC_ALLOW_PRIVATE_ISSUERS,
    maxBodyBytes: env.MAX_BODY_BYTES,
    frameAncestors: env.FRAME_ANCESTORS ?? [],
    webhookDisableAfterHours: env.WEBHOOK_DISABLE_AFTER_HOURS,
    webhookRetryBaseSeconds: env.WEBHOOK_RETRY_BASE_SECONDS,
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
    webhookConcurrency: env.WEBHOOK_CONCURRENCY,
    webhookPerHostConcurrency: env.WEBHOOK_PER_HOST_CONCURRENCY,
    webhookRetentionDays: env.WEBHOOK_RETENTION_DAYS,
    trustProxy: env.TRUST_PROXY,
    cacheMaxBytes: env.CACHE_MAX_BYTES,
    apiRatePerMinute: env.API_RATE_PER_MINUTE,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    mailRatePerMinute: env.MAIL_RATE_PER_MINUTE,
    mailSignupPercent: env.MAIL_SIGNUP_PERCENT,
    mailRetryBaseSeconds: env.MAIL_RETRY_BASE_SECONDS,
    mailTimeoutMs: env.MAIL_TIMEOUT_MS,
    mailMaxHardFailures: env.MAIL_MAX_HARD_FAILURES,
    mailRetentionDays: env.MAIL_RETENTION_DAYS,
    exportDir: env.EXPORT_DIR,
    exportCommand: env.EXPORT_COMMAND,
    purgeCommand: env.PURGE_COMMAND,
    commandEnv: env.COMMAND_ENV ?? [],
    metrics: metricsOf(env),
    liveStreamsPerClient: env.LIVE_STREAMS_PER_CLIENT,
    /** null: sized below the open-file limit by parseConfig (streamCap). */
    liveStreamsMax: env.LIVE_STREAMS_MAX,
    /** null: db.ts finds db/migrations next to the build. */
    migrationsDir: env.MIGRATIONS_DIR,
  };
}

const ConfigSchema = EnvSchema.superRefine(checkTogether).transform(toConfig);

/** The application's configuration; what each variable means is in env-schema.ts (and the README). */
export type Config = Omit<z.output<typeof ConfigSchema>, 'liveStreamsMax'> & { liveStreamsMax: number };

function checkMigrations(dir: string | null): void {
  if (dir !== null && !fs.existsSync(path.join(dir, 'meta', '_journal.json'))) {
    throw new ConfigError(`MIGRATIONS_DIR "${dir}" holds no meta/_journal.json (the drizzle migrations folder)`);
  }
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

/** The soft open-file limit of this process (node raises it to the hard limit at start), or null where unknown. */
function openFileLimit(): number | null {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(fs.readFileSync('/proc/self/limits', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** LIVE_STREAMS_MAX, or its default below the open-file limit: every stream holds a descriptor, the rest of the server needs some too. */
function streamCap(set: number | null, fileLimit: number | null): number {
  const cap = set ?? defaultStreamCap(fileLimit);
  if (fileLimit !== null && cap > fileLimit - 64) {
    throw new ConfigError(`LIVE_STREAMS_MAX must stay below the open-file limit (${fileLimit}) by at least 64 (got "${cap}")`);
  }
  return cap;
}

/** Parses the environment into a Config, throwing ConfigError naming the variable at fault. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env, opts: { checkFs?: boolean; openFileLimit?: number | null } = {}): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${issue.path.join('.')} ${issue.message}`.replace(/\s+/g, ' '));
  }
  if (opts.checkFs !== false) {
    checkWritable(result.data.databasePath);
    checkMigrations(result.data.migrationsDir);
  }
  const liveStreamsMax = streamCap(result.data.liveStreamsMax, opts.openFileLimit !== undefined ? opts.openFileLimit : openFileLimit());
  return { ...result.data, liveStreamsMax };
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
