/**
 * Build step (astro.config.mjs): starts the freshly built server once on a throw-away demo database, with the
 * same settings and V8 flags as `npm start`, asks it for the pages a visitor opens first, and stops it. V8's compile cache for
 * the build is then in dist/.compile-cache (src/server/launch.ts), so the first start after a build or deploy
 * does not compile the server again; it doubles as a smoke test of the build (a server that does not answer 200
 * fails the build). Node checks every cache entry against its source, so a stale entry is only ever ignored.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.mjs';
import { startCommand } from './start-command.mjs';

export async function warmStart(root) {
  const { flags, env: startEnv } = startCommand(root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-warm-'));
  const env = { ...process.env, DATABASE_PATH: path.join(dir, 'warm.db'), MONITORS: 'off', LOG_LEVEL: 'warn', SMTP_URL: '', EXPORT_DIR: '', EXPORT_COMMAND: '', PURGE_COMMAND: '' };
  delete env.NODE_COMPILE_CACHE;
  try {
    const seeded = spawnSync(process.execPath, [path.join(root, 'dist/cli/demo.mjs')], { env, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`warm start: demo seed failed: ${seeded.stderr}`);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = spawn(process.execPath, [...flags, path.join(root, 'dist/server/main.mjs')], { env: { ...env, ...startEnv, PORT: String(port), HOST: '127.0.0.1', SITE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'] });
    const exited = new Promise((resolve) => server.on('exit', resolve));
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          if ((await fetch(`${url}/healthz`)).ok) break;
        } catch {
          // not listening yet
        }
        if (server.exitCode !== null || Date.now() > deadline) throw new Error('warm start: the built server did not start');
        await new Promise((r) => setTimeout(r, 20));
      }
      // The pages a visitor opens first: the overview, then the first component and incident it links to.
      const first = await fetch(`${url}/`);
      if (first.status !== 200) throw new Error(`warm start: / answered ${first.status}`);
      const overview = await first.text();
      const links = [/href="(\/components\/[a-z0-9-]+)"/, /href="(\/incidents\/\d+)"/].map((re) => re.exec(overview)?.[1]).filter(Boolean);
      for (const p of [...links, '/history', '/maintenance', '/sla', '/api/v2/summary.json', '/feed.xml']) await (await fetch(url + p)).arrayBuffer();
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
