/** HTTP(S) probe with node:http/https: bounded redirects, a hard timeout, TLS errors as failures, certificate expiry. */
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { certDaysLeft, judgeHttpResponse } from '../../domain/monitor';
import { parseStatusRange, type HttpMonitorConfig } from '../../domain/monitor-config';
import type { ProbeResult } from './probe';

const MAX_BODY = 1024 * 1024;

interface Hop {
  status: number;
  location: string | undefined;
  body: string;
  certExpiresAt: number | null;
}

function requestOnce(url: URL, cfg: HttpMonitorConfig, signal: AbortSignal, ca: string | undefined): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, {
      method: cfg.method,
      headers: { 'user-agent': 'statuspage-monitor/1', ...cfg.headers },
      signal,
      agent: false,
      ...(ca ? { ca } : {}),
    });
    req.on('error', reject);
    // A target that sends headers and then hangs must still be cut at the timeout.
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    req.on('response', (res) => {
      const socket = res.socket as TLSSocket | null;
      let certExpiresAt: number | null = null;
      if (socket && typeof socket.getPeerCertificate === 'function') {
        const validTo = socket.getPeerCertificate()?.valid_to;
        if (validTo) certExpiresAt = Date.parse(validTo) || null;
      }
      const needBody = !!cfg.keyword;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (needBody && body.length < MAX_BODY) body += chunk;
      });
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body, certExpiresAt }));
    });
    req.end();
  });
}

/** Runs one HTTP check; never throws, never outlives timeoutMs. `ca` adds a trusted CA (private PKI, tests). */
export async function probeHttp(cfg: HttpMonitorConfig, timeoutMs: number, now: () => number = Date.now, ca?: string): Promise<ProbeResult> {
  const started = performance.now();
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  const at = now();
  let certExpiresAt: number | null = null;
  try {
    let url = new URL(cfg.url);
    for (let hops = 0; ; hops++) {
      const hop = await requestOnce(url, cfg, ctl.signal, ca);
      if (url.protocol === 'https:' && certExpiresAt === null) certExpiresAt = hop.certExpiresAt;
      const redirect = hop.status >= 300 && hop.status < 400 && hop.location && cfg.followRedirects;
      if (redirect && hops < cfg.maxRedirects) {
        url = new URL(hop.location!, url);
        continue;
      }
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      if (redirect) return { at, ok: false, latencyMs, statusCode: hop.status, error: `more than ${cfg.maxRedirects} redirects`, certExpiresAt };
      const range = parseStatusRange(cfg.expectedStatus) ?? { min: 200, max: 399 };
      const failure = judgeHttpResponse(hop.status, hop.body, { status: range, keyword: cfg.keyword, keywordAbsent: cfg.keywordAbsent });
      const daysLeft = certExpiresAt === null ? null : certDaysLeft(certExpiresAt, at);
      // An expiring certificate is reported on a success; it does not fail the check.
      const warning = daysLeft !== null && daysLeft < cfg.certExpiryDays ? `certificate expires in ${daysLeft} days` : null;
      return { at, ok: failure === null, latencyMs, statusCode: hop.status, error: failure ?? warning, certExpiresAt };
    }
  } catch (err) {
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const e = err as NodeJS.ErrnoException;
    const error = ctl.signal.aborted ? `timed out after ${timeoutMs} ms` : `${e.code ?? 'error'}: ${e.message}`;
    return { at, ok: false, latencyMs, statusCode: null, error, certExpiresAt };
  } finally {
    clearTimeout(timer);
  }
}
