/** EXPORT_COMMAND and PURGE_COMMAND on the built server get PATH, HOME, their own variables and COMMAND_ENV's names: not the app's secrets. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { openDatabase } from '../db';
import { createIncident } from '../services/incidents';

let server: RunningServer;
let tmp: string;

const SECRETS = {
  ADMIN_EMAIL: 'ops@example.com',
  ADMIN_PASSWORD: 'correct horse battery',
  METRICS_TOKEN: 'metrics-token-0123456789',
  SMTP_URL: 'smtp://mailer:smtp-password@127.0.0.1:2525',
  MAIL_FROM: 'Status <status@example.com>',
  UNLISTED_SECRET: 'do-not-pass',
};
// What sh itself sets in every environment.
const SHELL_OWN = ['PWD', 'OLDPWD', 'SHLVL', '_'];

/** The variables a command saw, from the `env` output it wrote. */
async function seenBy(file: string): Promise<Record<string, string>> {
  const deadline = Date.now() + 20_000;
  while (!fs.existsSync(file) || !fs.readFileSync(file, 'utf8').includes('PATH=')) {
    if (Date.now() > deadline) throw new Error(`${file} was never written`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Object.fromEntries(fs.readFileSync(file, 'utf8').split('\n').filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-command-env-'));
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => seedComponents(db, Date.now()));
  server = await startServer({
    dbPath,
    env: {
      ...SECRETS,
      EXPORT_DIR: path.join(tmp, 'site'),
      EXPORT_COMMAND: `env > "${tmp}/export-env.partial" && mv "${tmp}/export-env.partial" "${tmp}/export-env"`,
      PURGE_COMMAND: `env > "${tmp}/purge-env.partial" && mv "${tmp}/purge-env.partial" "${tmp}/purge-env"`,
      COMMAND_ENV: 'AWS_PROFILE, AWS_REGION',
      AWS_PROFILE: 'mirror-publisher',
    },
  });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(path.dirname(server.dbPath), { recursive: true, force: true });
});

describe.each([
  ['EXPORT_COMMAND', 'export-env', { EXPORT_DIR: () => path.join(tmp, 'site') }],
  ['PURGE_COMMAND', 'purge-env', { PURGE_TAGS: () => expect.stringContaining('page:overview') }],
])('%s', (_name, file, own) => {
  it('sees PATH, HOME, its own variables and the names in COMMAND_ENV, and none of the app’s secrets', async () => {
    if (file === 'purge-env') {
      const writer = openDatabase(server.dbPath);
      createIncident(writer, { title: 'Purge', impact: 'minor', status: 'investigating', body: 'Now.', components: {} }, TEST_ACTOR, Date.now());
      writer.$client.close();
    }
    const env = await seenBy(path.join(tmp, file));
    expect(env).toMatchObject({ PATH: process.env.PATH, HOME: process.env.HOME, AWS_PROFILE: 'mirror-publisher', ...Object.fromEntries(Object.entries(own).map(([k, v]) => [k, v()])) });
    for (const secret of Object.keys(SECRETS)) expect(env, secret).not.toHaveProperty(secret);
    const expected = ['PATH', 'HOME', 'AWS_PROFILE', ...Object.keys(own), ...SHELL_OWN];
    expect(Object.keys(env).filter((k) => !expected.includes(k))).toEqual([]);
  });
});
