/** The OpenID client's fetch obeys the outbound address policy: loopback only when allowed, link-local never. */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch } from './guarded-fetch';

let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString(), auth: req.headers.authorization ?? null })));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('guardedFetch', () => {
  it('refuses a loopback issuer when private issuers are not allowed', async () => {
    await expect(guardedFetch({ allowPrivate: false, allowLinkLocal: false })(`${base}/.well-known/openid-configuration`, { method: 'GET', headers: {} })).rejects.toThrow(/private or loopback/);
  });

  it('refuses link-local (cloud metadata) whatever the private setting', async () => {
    await expect(guardedFetch({ allowPrivate: true, allowLinkLocal: false })('http://169.254.169.254/latest', { method: 'GET', headers: {} })).rejects.toThrow(/refused/);
  });

  it('refuses a name that resolves to loopback', async () => {
    await expect(guardedFetch({ allowPrivate: false, allowLinkLocal: false })(`http://localhost:${new URL(base).port}/`, { method: 'GET', headers: {} })).rejects.toThrow(/refused/);
  });

  it('reaches an allowed issuer, sending method, headers and a form body', async () => {
    const res = await guardedFetch({ allowPrivate: true, allowLinkLocal: false })(`${base}/token`, { method: 'POST', headers: { authorization: 'Basic abc', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ code: 'x' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ method: 'POST', body: 'code=x', auth: 'Basic abc' });
  });
});
