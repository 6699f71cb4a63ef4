import { testTempRoot } from '../../testing/server-harness';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpMonitorConfig } from '../../domain/monitor-config';
import { probeHttp } from './probe-http';

let server: https.Server;
let url = '';
let cert = '';

beforeAll(async () => {
  // A self-signed certificate for 127.0.0.1 that expires in 5 days.
  const dir = fs.mkdtempSync(path.join(testTempRoot(), 'statuspage-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`, '-days', '5', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  cert = fs.readFileSync(`${dir}/cert.pem`, 'utf8');
  server = https.createServer({ key: fs.readFileSync(`${dir}/key.pem`), cert }, (_req, res) => res.end('secure ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('HTTPS probe', () => {
  it('fails on a certificate it cannot verify', async () => {
    const r = await probeHttp(HttpMonitorConfig.parse({ url }), 2000);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/self[- ]signed/i);
  });

  it('reports a certificate expiring within N days on a successful check', async () => {
    const r = await probeHttp(HttpMonitorConfig.parse({ url, keyword: 'secure ok', certExpiryDays: 14 }), 2000, { ca: cert });
    expect(r.ok).toBe(true);
    expect(r.statusCode).toBe(200);
    expect(r.error).toBe('certificate expires in 4 days');
    expect(r.certExpiresAt).toBeGreaterThan(Date.now() + 4 * 86_400_000);
    expect(r.certExpiresAt).toBeLessThanOrEqual(Date.now() + 5 * 86_400_000 + 60_000);
  });

  it('says nothing about a certificate outside the warning window', async () => {
    const r = await probeHttp(HttpMonitorConfig.parse({ url, certExpiryDays: 3 }), 2000, { ca: cert });
    expect(r).toMatchObject({ ok: true, error: null });
  });
});
