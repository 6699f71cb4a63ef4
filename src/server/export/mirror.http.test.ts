/** EXPORT_DIR against the built server: the mirror follows writes, holds the served bytes, and a failing EXPORT_COMMAND is retried and reported. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInCookie } from '../../testing/http-helpers';
import { healthOf, startCommandServer, stopCommandServer, until, type CommandServer } from '../../testing/command-server';
import type { RunningServer } from '../../testing/server-harness';
import { TEST_ACTOR } from '../../testing/subscriber-scenario';
import type { Db } from '../db';
import { createIncident } from '../services/incidents';

let fixture: CommandServer | undefined;
let server: RunningServer;
let writer: Db;
let tmp: string;
let dir: string;

const manifest = () => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'mirror.json'), 'utf8')) as { changeId: number; writtenAt: string; files: string[] };
  } catch {
    return null;
  }
};
const health = () => healthOf(server);

beforeAll(async () => {
  // Fails twice (a marker file counts the attempts), then succeeds: the retries must publish without a new change.
  const command = (t: string) => `n=$(cat "${t}/tries" 2>/dev/null || echo 0); echo $((n + 1)) > "${t}/tries"; if [ "$n" -ge 2 ]; then cp "$EXPORT_DIR/mirror.json" "${t}/published.json"; else echo "bucket unreachable" >&2; exit 3; fi`;
  fixture = await startCommandServer('statuspage-mirror-', (t) => ({ EXPORT_DIR: path.join(t, 'site'), EXPORT_COMMAND: command(t), SITE_URL: 'https://status.example.com', ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'correct horse battery' }));
  ({ server, writer, tmp } = fixture);
  dir = path.join(tmp, 'site');
});
afterAll(() => stopCommandServer(fixture));

describe('EXPORT_DIR', () => {
  it('reports the failing command on /healthz and /admin without failing the origin, then recovers on retry', async () => {
    const cookie = await signInCookie(server.baseURL, 'ops@example.com', 'correct horse battery');
    const admin = async () => (await fetch(server.baseURL + '/admin', { headers: { cookie } })).text();
    const failing = await until('a failing mirror check', async () => {
      const h = await health();
      return h.checks.mirror && !h.checks.mirror.ok ? h : null;
    });
    expect(failing.checks.mirror.detail).toMatch(/failed [12] times?.*exit 3: bucket unreachable/);
    expect(failing.status).toBe('ok');
    expect(await admin()).toMatch(/id="mirror-problem"[^>]*>The mirror command has failed [12] times? since/);
    const recovered = await until('a recovered mirror check', async () => {
      const h = await health();
      return h.checks.mirror?.ok ? h : null;
    });
    expect(recovered.checks.mirror.detail).toMatch(/^exported change \d+/);
    expect(fs.readFileSync(path.join(tmp, 'tries'), 'utf8').trim()).toBe('3');
    expect(await admin()).not.toContain('mirror-problem');
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'published.json'), 'utf8')).mirror).toBe(true);
  });

  it('holds the bytes the server sends, at the same URLs, with links to query variants at their mirror paths', async () => {
    await until('the first export', manifest);
    for (const url of ['/', '/api/v2/summary.json', '/feed.xml', '/components/api', '/maintenance.ics']) {
      const served = Buffer.from(await (await fetch(server.baseURL + url)).arrayBuffer());
      const file = url === '/' ? 'index.html' : url.includes('.') ? url.slice(1) : `${url.slice(1)}/index.html`;
      const held = fs.readFileSync(path.join(dir, file));
      if (!file.endsWith('.html')) expect(held.equals(served), url).toBe(true);
      // Query variants have mirror paths of their own (one subscribe page takes every way of subscribing).
      else {
        const expected = served.toString('utf8').replaceAll('href="/subscribe?via=webhook"', 'href="/subscribe"').replaceAll('href="/history?component=api"', 'href="/history/component/api/"');
        expect(held.toString('utf8') === expected, url).toBe(true);
      }
    }
    expect(fs.existsSync(path.join(dir, '404.html'))).toBe(true);
    expect(fs.readdirSync(path.join(dir, '_astro')).length).toBeGreaterThan(0);
  });

  it('follows a write within seconds, rewriting only the files whose bytes changed', async () => {
    const before = manifest()!;
    const asset = path.join(dir, 'favicon.svg');
    const untouched = path.join(dir, 'components/api/badge.svg');
    const mtimes = [fs.statSync(asset).mtimeMs, fs.statSync(untouched).mtimeMs];
    const { id } = createIncident(writer, { title: 'Mirror follows this', impact: 'minor', status: 'investigating', body: 'Looking.', components: {} }, TEST_ACTOR, Date.now());
    const after = await until('an export of the new change', () => {
      const m = manifest();
      return m && m.changeId > before.changeId && m.files.includes(`incidents/${id}/index.html`) ? m : null;
    });
    expect(fs.readFileSync(path.join(dir, `incidents/${id}/index.html`), 'utf8')).toContain('Mirror follows this');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'api/v2/incidents/unresolved.json'), 'utf8')).incidents.map((i: { name: string }) => i.name)).toContain('Mirror follows this');
    expect([fs.statSync(asset).mtimeMs, fs.statSync(untouched).mtimeMs]).toEqual(mtimes);
    expect(Date.parse(after.writtenAt)).toBeGreaterThanOrEqual(Date.parse(before.writtenAt));
    expect(fs.readdirSync(path.join(dir, `incidents/${id}`)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
