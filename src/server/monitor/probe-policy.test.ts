/** Monitors under the target policy, with real sockets: refused targets and redirect hops are never connected to. */
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpMonitorConfig } from '../../domain/monitor-config';
import { DEFAULT_TARGET_POLICY, type TargetPolicy } from '../../domain/target-policy';
import { freshDb } from '../../testing/db';
import { startHttpTarget, type HttpTarget } from '../../testing/monitor-targets';
import type { Resolver } from '../net/guarded-lookup';
import { targetPolicyOf } from '../net/target-policy';
import { getSettings, putSetting } from '../queries/settings';
import { SYSTEM } from '../services/actor';
import { createComponent } from '../services/components';
import { recordCheck } from '../services/monitoring';
import { createMonitor, requireMonitor } from '../services/monitors';
import { runProbe } from './probe';
import { probeHttp } from './probe-http';
import { probeTcp } from './probe-tcp';

let start: HttpTarget;
let inner: HttpTarget;
beforeAll(async () => {
  [start, inner] = await Promise.all([startHttpTarget(), startHttpTarget()]);
});
afterAll(() => Promise.all([start.close(), inner.close()]));
beforeEach(() => {
  start.mode = 'redirect-to';
  start.seen.length = inner.seen.length = 0;
});

const innerPort = () => new URL(inner.url).port;
/** A fake DNS for names in redirects (this machine resolves no arbitrary names). */
const dns = (table: Record<string, string[]>): Resolver => async (h) => (table[h] ?? []).map((address) => ({ address, family: net.isIP(address) }));
const probe = (policy: TargetPolicy = DEFAULT_TARGET_POLICY, extra: Record<string, unknown> = {}, resolve?: Resolver) =>
  probeHttp(HttpMonitorConfig.parse({ url: start.url, ...extra }), 2000, { policy, resolve });

describe('redirect hops are checked like the first request', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'redirect to http://169.254.169.254 refused: 169.254.169.254 is a link-local or cloud metadata address'],
    ['http://2852039166/', 'redirect to http://169.254.169.254 refused'],
    ['http://[::ffff:a9fe:a9fe]/', 'redirect to http://[::ffff:a9fe:a9fe] refused'],
    ['http://[fd00:ec2::254]/', 'redirect to http://[fd00:ec2::254] refused'],
    ['http://0.0.0.0:1/', 'redirect to http://0.0.0.0:1 refused: 0.0.0.0 is an unspecified'],
    ['file:///etc/passwd', 'redirect to file:// refused: file: is not http or https'],
  ])('302 → %s is refused at the hop', async (location, error) => {
    start.location = location;
    const r = await probe();
    expect(r.ok).toBe(false);
    expect(r.statusCode).toBeNull();
    expect(r.error).toContain(error);
  });

  it('a name resolving to an internal port plus a metadata address is refused, not followed', async () => {
    start.location = `http://sneaky.test:${innerPort()}/health`;
    inner.mode = 'up';
    const resolve = dns({ 'sneaky.test': ['127.0.0.1', '169.254.169.254'] });
    const r = await probe(DEFAULT_TARGET_POLICY, { keyword: 'systems go' }, resolve);
    expect(r.error).toBe(`redirect to http://sneaky.test:${innerPort()} refused: sneaky.test resolves to 169.254.169.254, a link-local or cloud metadata address (an admin can allow these in Settings)`);
    expect(inner.seen).toHaveLength(0);
    // With the setting on, the same hop is followed to the checked address.
    const allowed = await probe({ allowPrivate: true, allowLinkLocal: true }, { keyword: 'systems go' }, resolve);
    expect(allowed).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect(inner.seen).toHaveLength(1);
  });

  it('configured headers stay with the configured origin', async () => {
    start.location = `http://127.0.0.1:${innerPort()}/health`;
    inner.mode = 'up';
    const r = await probe(DEFAULT_TARGET_POLICY, { headers: { Authorization: 'Bearer s3cret' } });
    expect(r.ok).toBe(true);
    expect(start.seen[0].authorization).toBe('Bearer s3cret');
    expect(inner.seen[0].authorization).toBeUndefined();
  });

  it('caps redirects at 5 whatever a stored config says', async () => {
    start.mode = 'redirect-loop';
    const r = await probeHttp({ ...HttpMonitorConfig.parse({ url: start.url }), maxRedirects: 50 }, 2000);
    expect(r.error).toBe('more than 5 redirects');
    expect(start.seen).toHaveLength(6);
  });
});

describe('first hop and TCP targets', () => {
  it.each(['http://169.254.169.254/', 'http://2852039166/', 'http://0xa9.0xfe.0xa9.0xfe/', 'http://[::ffff:a9fe:a9fe]/', 'http://[fe80::1]/'])('%s is refused before connecting', async (url) => {
    const r = await runProbe({ type: 'http', timeoutMs: 1000, config: JSON.stringify({ url }) });
    expect(r).toMatchObject({ ok: false, statusCode: null });
    expect(r.error).toMatch(/^refused: .* is a link-local or cloud metadata address/);
  });

  it.each(['169.254.169.254', '2852039166', '0xa9.0xfe.0xa9.0xfe', '::ffff:a9fe:a9fe', '0'])('TCP host %s is refused', async (host) => {
    const r = await probeTcp({ host, port: 80 }, 1000);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^refused: /);
  });

  it('a TCP name is checked when resolved', async () => {
    const r = await probeTcp({ host: 'meta.test', port: 80 }, 1000, { resolve: dns({ 'meta.test': ['169.254.169.254'] }) });
    expect(r.error).toMatch(/^refused: meta\.test resolves to 169\.254\.169\.254/);
  });

  it('with private targets turned off, even the loopback target is refused', async () => {
    start.mode = 'up';
    const locked = { allowPrivate: false, allowLinkLocal: false };
    expect((await probe(locked)).error).toBe('refused: 127.0.0.1 is a private or loopback address (an admin has turned these off in Settings)');
    expect((await probeTcp({ host: 'localhost', port: Number(new URL(start.url).port) }, 1000, { policy: locked })).error).toMatch(/^refused: localhost resolves to /);
    expect(start.seen).toHaveLength(0);
  });
});

describe('a stored monitor', () => {
  it('records the refusal as its check error, under the admin settings', async () => {
    const db = freshDb();
    const t = Date.UTC(2026, 5, 1);
    const componentId = createComponent(db, { name: 'API', startDate: t - 1000 }, SYSTEM, t).id;
    start.location = 'http://169.254.169.254/';
    const m = createMonitor(db, { componentId, name: 'sneaky', type: 'http', config: { url: start.url }, failThreshold: 1 }, SYSTEM, t);
    const r = await runProbe(requireMonitor(db, m.id), () => t + 1, targetPolicyOf(getSettings(db)));
    recordCheck(db, m.id, r, t + 1);
    expect(r.error).toMatch(/^redirect to http:\/\/169\.254\.169\.254 refused/);
    putSetting(db, 'allowPrivateTargets', false);
    expect((await runProbe(requireMonitor(db, m.id), () => t + 2, targetPolicyOf(getSettings(db)))).error).toMatch(/^refused: 127\.0\.0\.1/);
  });

  it('a stored config with a method no longer allowed fails visibly', async () => {
    const r = await runProbe({ type: 'http', timeoutMs: 1000, config: JSON.stringify({ url: start.url, method: 'DELETE' }) });
    expect(r).toMatchObject({ ok: false, error: 'invalid monitor settings: Use GET, HEAD or POST.' });
    expect(start.seen).toHaveLength(0);
  });
});
