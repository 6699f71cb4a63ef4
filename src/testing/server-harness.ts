/** Test harness: a fresh SQLite file, seeded through the real services, served by the real built server on a free port. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDatabase, openDatabase, type Db } from '../server/db';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MAIN = path.join(ROOT, 'dist/server/main.mjs');

export interface RunningServer {
  baseURL: string;
  port: number;
  dbPath: string;
  proc: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** The folder for a test's temp files: the run's own (removed by src/testing/global-setup.ts) or the system's. */
export function testTempRoot(): string {
  return process.env.STATUSPAGE_TEST_TMPDIR && fs.existsSync(process.env.STATUSPAGE_TEST_TMPDIR) ? process.env.STATUSPAGE_TEST_TMPDIR : os.tmpdir();
}

/** A new empty database file (migrated) in a temp directory. */
export function tempDbPath(prefix = 'statuspage-'): string {
  const dir = fs.mkdtempSync(path.join(testTempRoot(), prefix));
  return path.join(dir, 'status.db');
}

/** Opens the file, runs seed(db) through the services, closes it. */
export function seedDatabase(dbPath: string, seed?: (db: Db) => void): void {
  const db = openDatabase(dbPath);
  try {
    seed?.(db);
  } finally {
    closeDatabase(db);
  }
}

/** Starts dist/server/main.mjs on a free port and resolves when it listens. */
export function startServer(opts: { dbPath: string; env?: Record<string, string>; timeoutMs?: number }): Promise<RunningServer> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
  const proc = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: opts.dbPath,
      MONITORS: 'off',
      LOG_LEVEL: 'info',
      ASTRO_TELEMETRY_DISABLED: '1',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${out}`));
    }, opts.timeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"msg":"listening".*?"port":(\d+)/.exec(out) ?? /listening on port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        const port = Number(m[1]);
        resolve({
          baseURL: `http://127.0.0.1:${port}`,
          port,
          dbPath: opts.dbPath,
          proc,
          output: () => out,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (proc.exitCode !== null || proc.signalCode !== null) return done();
              proc.once('exit', () => done());
              proc.kill(signal);
            }),
        });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}
