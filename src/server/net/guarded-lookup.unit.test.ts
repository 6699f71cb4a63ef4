import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TARGET_POLICY, type TargetPolicy } from '../../domain/target-policy';
import { guardedLookup, resolveAllowed, type Resolver } from './guarded-lookup';
import { TargetRefusedError } from './target-policy';

const LOCKED: TargetPolicy = { allowPrivate: false, allowLinkLocal: false };

/** A fake DNS: name → addresses, counting lookups. */
function fakeDns(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve: Resolver = async (hostname) => {
    calls.push(hostname);
    return (table[hostname] ?? []).map((address) => ({ address, family: net.isIP(address) }));
  };
  return Object.assign(resolve, { calls });
}

describe('resolveAllowed', () => {
  const dns = fakeDns({
    'metadata.test': ['169.254.169.254'],
    'v6meta.test': ['fd00:ec2::254'],
    'mixed.test': ['8.8.8.8', '169.254.169.254'],
    'mapped.test': ['::ffff:169.254.169.254'],
    'intranet.test': ['10.0.0.7', '10.0.0.8'],
    'public.test': ['93.184.215.14'],
  });

  it.each([
    ['metadata.test', DEFAULT_TARGET_POLICY, /metadata\.test resolves to 169\.254\.169\.254, a link-local/],
    ['v6meta.test', DEFAULT_TARGET_POLICY, /fd00:ec2::254/],
    ['mixed.test', DEFAULT_TARGET_POLICY, /169\.254\.169\.254/], // one bad address refuses the name
    ['mapped.test', DEFAULT_TARGET_POLICY, /link-local/],
    ['intranet.test', LOCKED, /private or loopback/],
  ] as const)('refuses %s', async (name, policy, message) => {
    const err = await resolveAllowed(name, policy, 0, dns).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetRefusedError);
    expect((err as Error).message).toMatch(message);
  });

  it('returns every address when all are allowed', async () => {
    expect((await resolveAllowed('intranet.test', DEFAULT_TARGET_POLICY, 0, dns)).map((a) => a.address)).toEqual(['10.0.0.7', '10.0.0.8']);
    expect(await resolveAllowed('public.test', LOCKED, 0, dns)).toHaveLength(1);
    expect(await resolveAllowed('metadata.test', { allowPrivate: true, allowLinkLocal: true }, 0, dns)).toHaveLength(1);
  });

  it('an empty answer is "not found", not an allowed target', async () => {
    await expect(resolveAllowed('nothing.test', DEFAULT_TARGET_POLICY, 0, dns)).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('checks what the system resolver makes of numeric names and localhost', async () => {
    // getaddrinfo reads these as 169.254.169.254 (inet_aton); they must not pass as "names".
    for (const name of ['2852039166', '0xa9.0xfe.0xa9.0xfe', '0251.0376.0251.0376', '169.254.43518'])
      await expect(resolveAllowed(name, DEFAULT_TARGET_POLICY)).rejects.toBeInstanceOf(TargetRefusedError);
    await expect(resolveAllowed('0', DEFAULT_TARGET_POLICY)).rejects.toThrow('0 resolves to 0.0.0.0, an unspecified');
    expect((await resolveAllowed('localhost', DEFAULT_TARGET_POLICY)).length).toBeGreaterThan(0);
    await expect(resolveAllowed('localhost', LOCKED)).rejects.toThrow(/private or loopback/);
  });
});

describe('guardedLookup on real sockets', () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => (hits++, res.end('ok')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (host: string, lookup: net.LookupFunction) =>
    new Promise<number>((resolve, reject) => {
      http.get({ host, port, path: '/', agent: false, lookup }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject);
    });

  it('connects to the address it checked, resolving the name once (no second lookup to rebind)', async () => {
    const dns = fakeDns({ 'app.test': ['127.0.0.1'] });
    expect(await get('app.test', guardedLookup(DEFAULT_TARGET_POLICY, dns))).toBe(200);
    expect(dns.calls).toEqual(['app.test']);
  });

  it('never connects when a resolved address is refused', async () => {
    const before = hits;
    const dns = fakeDns({ 'rebind.test': ['127.0.0.1', '169.254.169.254'] });
    await expect(get('rebind.test', guardedLookup(DEFAULT_TARGET_POLICY, dns))).rejects.toMatchObject({ code: 'ETARGETREFUSED' });
    await expect(get('app.test', guardedLookup(LOCKED, fakeDns({ 'app.test': ['127.0.0.1'] })))).rejects.toThrow(/private or loopback/);
    expect(hits).toBe(before);
  });

  it('answers both callback shapes (single address and all: true)', async () => {
    const lookup = guardedLookup(DEFAULT_TARGET_POLICY, fakeDns({ 'two.test': ['10.0.0.1', '10.0.0.2'] }));
    const one = await new Promise((r) => lookup('two.test', {}, (err, address, family) => r({ err, address, family })));
    expect(one).toEqual({ err: null, address: '10.0.0.1', family: 4 });
    const all = await new Promise((r) => lookup('two.test', { all: true }, (err, address) => r({ err, address })));
    expect(all).toEqual({ err: null, address: [{ address: '10.0.0.1', family: 4 }, { address: '10.0.0.2', family: 4 }] });
  });
});
