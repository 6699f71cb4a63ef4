/** The built server beside a temporary folder for its mirror and commands, over a seeded database with a second writer: the export and purge tests' setup. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../server/db';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { seedComponents } from './subscriber-scenario';

export interface CommandServer {
  server: RunningServer;
  /** This test process writing to the server's database, as a second process would. */
  writer: Db;
  /** The temporary folder the commands and the mirror write to; removed by stopCommandServer. */
  tmp: string;
  /** The seeded components' ids (seedComponents). */
  components: ReturnType<typeof seedComponents>;
}

/** Seeds the components (and `seed`'s extras), then starts the server with the environment `env(tmp)` gives. */
export async function startCommandServer(prefix: string, env: (tmp: string) => Record<string, string>, seed?: (db: Db) => void): Promise<CommandServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dbPath = tempDbPath();
  let components: ReturnType<typeof seedComponents> | undefined;
  seedDatabase(dbPath, (db) => {
    components = seedComponents(db, Date.now());
    seed?.(db);
  });
  const server = await startServer({ dbPath, env: env(tmp) });
  return { server, writer: openDatabase(server.dbPath), tmp, components: components! };
}

/** Closes the writer, stops the server and removes both temporary folders. */
export async function stopCommandServer(f: CommandServer | undefined): Promise<void> {
  if (!f) return;
  closeDatabase(f.writer);
  await f.server.stop();
  fs.rmSync(f.tmp, { recursive: true, force: true });
  fs.rmSync(path.dirname(f.server.dbPath), { recursive: true, force: true });
}

/** Polls `probe` every 50 ms until it gives something truthy, which it returns; fails naming `what` after the timeout. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Health {
  status: string;
  checks: Record<string, { ok: boolean; detail: string }>;
}

/** The server's /healthz answer. */
export async function healthOf(server: RunningServer): Promise<Health> {
  return (await fetch(server.baseURL + '/healthz')).json() as Promise<Health>;
}
