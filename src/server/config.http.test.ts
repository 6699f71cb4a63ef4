import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';
import { MAIN, testTempRoot } from '../testing/server-harness';

const tmp = fs.mkdtempSync(path.join(testTempRoot(), 'statuspage-config-'));
const good = { DATABASE_PATH: path.join(tmp, 'ok.db') };
// A file where a directory is needed: mkdir fails even for root.
const blocker = path.join(tmp, 'not-a-dir');
fs.writeFileSync(blocker, 'x');

describe('parseConfig rejects bad values with one line naming the variable', () => {
  it.each<[string, Record<string, string>, string]>([
    ['PORT=abc', { PORT: 'abc' }, 'PORT'],
    ['METRICS=maybe', { METRICS: 'maybe' }, 'METRICS'],
    ['METRICS_TOKEN too short', { METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    ['PORT=-1', { PORT: '-1' }, 'PORT'],
    ['PORT=70000', { PORT: '70000' }, 'PORT'],
    ['PORT=80.5', { PORT: '80.5' }, 'PORT'],
    ['unwritable DATABASE_PATH (parent is a file)', { DATABASE_PATH: path.join(blocker, 'status.db') }, 'DATABASE_PATH'],
    ['unwritable DATABASE_PATH (/proc)', { DATABASE_PATH: '/proc/statuspage/status.db' }, 'DATABASE_PATH'],
    ['SITE_URL not a URL', { SITE_URL: 'not a url' }, 'SITE_URL'],
    ['SITE_URL with another protocol', { SITE_URL: 'ftp://status.example.com' }, 'SITE_URL'],
    ['ADMIN_EMAIL without ADMIN_PASSWORD', { ADMIN_EMAIL: 'ops@example.com' }, 'ADMIN_PASSWORD'],
    ['ADMIN_PASSWORD without ADMIN_EMAIL', { ADMIN_PASSWORD: 'correct horse battery' }, 'ADMIN_EMAIL'],
    ['ADMIN_EMAIL not an address', { ADMIN_EMAIL: 'nobody', ADMIN_PASSWORD: 'correct horse battery' }, 'ADMIN_EMAIL'],
    ['ADMIN_PASSWORD too short', { ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    ['MONITORS=maybe', { MONITORS: 'maybe' }, 'MONITORS'],
    ['LOG_LEVEL=loud', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['MONITOR_RETENTION_DAYS=0', { MONITOR_RETENTION_DAYS: '0' }, 'MONITOR_RETENTION_DAYS'],
    ['SESSION_IDLE_MINUTES=abc', { SESSION_IDLE_MINUTES: 'abc' }, 'SESSION_IDLE_MINUTES'],
    ['MAX_BODY_BYTES=1', { MAX_BODY_BYTES: '1' }, 'MAX_BODY_BYTES'],
    ['WEBHOOK_RETENTION_DAYS=0', { WEBHOOK_RETENTION_DAYS: '0' }, 'WEBHOOK_RETENTION_DAYS'],
    ['WEBHOOK_RETENTION_DAYS=a month', { WEBHOOK_RETENTION_DAYS: 'a month' }, 'WEBHOOK_RETENTION_DAYS'],
    ['CACHE_MAX_BYTES=32MB', { CACHE_MAX_BYTES: '32MB' }, 'CACHE_MAX_BYTES'],
    ['WEBHOOK_CONCURRENCY=0', { WEBHOOK_CONCURRENCY: '0' }, 'WEBHOOK_CONCURRENCY'],
    ['WEBHOOK_CONCURRENCY=lots', { WEBHOOK_CONCURRENCY: 'lots' }, 'WEBHOOK_CONCURRENCY'],
    ['WEBHOOK_PER_HOST_CONCURRENCY=0', { WEBHOOK_PER_HOST_CONCURRENCY: '0' }, 'WEBHOOK_PER_HOST_CONCURRENCY'],
    ['WEBHOOK_PER_HOST_CONCURRENCY=2.5', { WEBHOOK_PER_HOST_CONCURRENCY: '2.5' }, 'WEBHOOK_PER_HOST_CONCURRENCY'],
    ['MAIL_SIGNUP_PERCENT=0', { MAIL_SIGNUP_PERCENT: '0' }, 'MAIL_SIGNUP_PERCENT'],
    ['MAIL_SIGNUP_PERCENT=101', { MAIL_SIGNUP_PERCENT: '101' }, 'MAIL_SIGNUP_PERCENT'],
    ['MAIL_SIGNUP_PERCENT=50%', { MAIL_SIGNUP_PERCENT: '50%' }, 'MAIL_SIGNUP_PERCENT'],
    ['EXPORT_COMMAND without EXPORT_DIR', { EXPORT_COMMAND: 'rclone sync "$EXPORT_DIR" mirror:site' }, 'EXPORT_DIR'],
    ['COMMAND_ENV with a name no shell can hold', { COMMAND_ENV: 'AWS_PROFILE, AWS-REGION' }, 'COMMAND_ENV'],
    ['COMMAND_ENV with an assignment', { COMMAND_ENV: 'AWS_PROFILE=prod' }, 'COMMAND_ENV'],
    ['LIVE_STREAMS_PER_CLIENT=0', { LIVE_STREAMS_PER_CLIENT: '0' }, 'LIVE_STREAMS_PER_CLIENT'],
    ['LIVE_STREAMS_MAX=lots', { LIVE_STREAMS_MAX: 'lots' }, 'LIVE_STREAMS_MAX'],
    ['LIVE_STREAMS_MAX at the open-file limit', { LIVE_STREAMS_MAX: '20000' }, 'LIVE_STREAMS_MAX'],
    // A typo must not silently leave the proxy untrusted (or a flag at its default).
    ['TRUST_PROXY=yes', { TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    ['TRUST_PROXY=enabled', { TRUST_PROXY: 'enabled' }, 'TRUST_PROXY'],
  ])('%s', (_name, env, variable) => {
    let error: unknown;
    try {
      parseConfig({ ...good, ...env }, { openFileLimit: 20_000 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(variable);
    expect(message).not.toContain('\n');
  });
});

describe('parseConfig accepts good values', () => {
  it('uses defaults', () => {
    const c = parseConfig(good);
    expect(c).toMatchObject({ port: 4321, host: '127.0.0.1', siteUrl: 'http://localhost:4321', monitors: true, adminEmail: null, logLevel: 'info', webhookRetentionDays: 30 });
    expect(c.databasePath).toBe(good.DATABASE_PATH);
  });

  it.each<[Record<string, string>, Partial<ReturnType<typeof parseConfig>>]>([
    [{ PORT: '8080' }, { port: 8080, siteUrl: 'http://localhost:8080' }],
    [{ PORT: '0' }, { port: 0 }],
    [{ SITE_URL: 'https://status.example.com/' }, { siteUrl: 'https://status.example.com' }],
    [{ SITE_URL: 'https://example.com/status//' }, { siteUrl: 'https://example.com/status' }],
    [{ MONITORS: 'off' }, { monitors: false }],
    // Blank is unset for every variable, flags included.
    [{ MONITORS: '', METRICS: ' ', TRUST_PROXY: '' }, { monitors: true, metrics: { enabled: false }, trustProxy: false }],
    [{ TRUST_PROXY: 'ON' }, { trustProxy: true }],
    [{ WEBHOOK_RETENTION_DAYS: '7' }, { webhookRetentionDays: 7 }],
    [{}, { webhookConcurrency: 100, webhookPerHostConcurrency: 4, mailSignupPercent: 50 }],
    [{ WEBHOOK_CONCURRENCY: '16', WEBHOOK_PER_HOST_CONCURRENCY: '1', MAIL_SIGNUP_PERCENT: '100' }, { webhookConcurrency: 16, webhookPerHostConcurrency: 1, mailSignupPercent: 100 }],
    [{ ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'correct horse battery' }, { adminEmail: 'ops@example.com', adminPassword: 'correct horse battery' }],
    [{ FRAME_ANCESTORS: 'https://a.example, https://b.example' }, { frameAncestors: ['https://a.example', 'https://b.example'] }],
    [{}, { exportDir: null, exportCommand: null, purgeCommand: null, commandEnv: [] }],
    [{ COMMAND_ENV: ' AWS_PROFILE, AWS_REGION  CF_API_TOKEN,,' }, { commandEnv: ['AWS_PROFILE', 'AWS_REGION', 'CF_API_TOKEN'] }],
    [{ EXPORT_DIR: '/srv/mirror/', EXPORT_COMMAND: ' rsync -a x y ', PURGE_COMMAND: 'purge $PURGE_TAGS' }, { exportDir: '/srv/mirror', exportCommand: 'rsync -a x y', purgeCommand: 'purge $PURGE_TAGS' }],
    [{}, { liveStreamsPerClient: 10, liveStreamsMax: 15_000 }],
    [{ LIVE_STREAMS_PER_CLIENT: '2', LIVE_STREAMS_MAX: '19000' }, { liveStreamsPerClient: 2, liveStreamsMax: 19_000 }],
  ])('%j', (env, expected) => {
    expect(parseConfig({ ...good, ...env }, { openFileLimit: 20_000 })).toMatchObject(expected);
  });
});

describe('the built server refuses bad configuration', () => {
  it.each<[string, Record<string, string>, string]>([
    ['PORT=abc', { PORT: 'abc' }, 'PORT'],
    ['an unwritable DATABASE_PATH', { DATABASE_PATH: path.join(blocker, 'status.db') }, 'DATABASE_PATH'],
    ['a bad SITE_URL', { SITE_URL: 'nope' }, 'SITE_URL'],
    ['a MIGRATIONS_DIR without migrations', { MIGRATIONS_DIR: tmp }, 'MIGRATIONS_DIR'],
  ])('%s: exits non-zero with one line naming the variable and no stack trace', (_name, env, variable) => {
    expect(fs.existsSync(MAIN), 'run "npm run build" first').toBe(true);
    const r = spawnSync(process.execPath, [MAIN], { env: { ...process.env, ...good, MONITORS: 'off', ...env }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).not.toBe(0);
    expect(r.status).not.toBeNull();
    const lines = (r.stderr + r.stdout).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
