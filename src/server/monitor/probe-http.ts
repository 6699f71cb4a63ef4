/**
 * HTTP(S) probe with node:http/https: every hop (redirects too) checked against the target policy and connected to
 * the address that was checked, bounded redirects, a hard timeout, TLS errors as failures, certificate expiry.
 */
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { certDaysLeft, judgeHttpResponse } from '../../domain/monitor';
import { MAX_REDIRECTS, parseStatusRange, type HttpMonitorConfig } from '../../domain/monitor-config';
import { DEFAULT_TARGET_POLICY, type TargetPolicy } from '../../domain/target-policy';
import { guardedLookup, type Resolver } from '../net/guarded-lookup';
import { checkUrl, TargetRefusedError } from '../net/target-policy';

const MAX_BODY = 1024 * 1024;

/** The raw result of one check, as stored in monitor_results. */
export interface ProbeResult {
  at: number;
  ok: boolean;
  latencyMs: number | null;
  statusCode: number | null;
  /** Why it failed, or a warning on a success (certificate expiring). */
  error: string | null;
  certExpiresAt: number | null;
}

export interface ProbeOptions {
  now?: () => number;
  policy?: TargetPolicy;
  /** An extra trusted CA (private PKI, tests). */
  ca?: string;
  /** Name resolution, injectable for tests. */
  resolve?: Resolver;
}

interface Hop {
  status: number;
  location: string | undefined;
  body: string;
  certExpiresAt: number | null;
}

interface HopRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  policy: TargetPolicy;
  opts: ProbeOptions;
  needBody: boolean;
}

function requestOnce(r: HopRequest): Promise<Hop> {
  const refused = checkUrl(r.url, r.policy);
  if (refused) return Promise.reject(new TargetRefusedError(refused));
  return new Promise((resolve, reject) => {
    const lib = r.url.protocol === 'https:' ? https : http;
    const req = lib.request(r.url, {
      method: r.method,
      headers: { 'user-agent': 'statuspage-monitor/1', ...r.headers },
      signal: r.signal,
      agent: false,
      lookup: guardedLookup(r.policy, r.opts.resolve),
      ...(r.opts.ca ? { ca: r.opts.ca } : {}),
    });
    req.on('error', reject);
    // A target that sends headers and then hangs must still be cut at the timeout.
    r.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    req.on('response', (res) => {
      const socket = res.socket as TLSSocket | null;
      let certExpiresAt: number | null = null;
      if (socket && typeof socket.getPeerCertificate === 'function') {
        const validTo = socket.getPeerCertificate()?.valid_to;
        if (validTo) certExpiresAt = Date.parse(validTo) || null;
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (r.needBody && body.length < MAX_BODY) body += chunk;
      });
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body, certExpiresAt }));
    });
    req.end();
  });
}

/** Runs one HTTP check; never throws, never outlives timeoutMs. */
export async function probeHttp(cfg: HttpMonitorConfig, timeoutMs: number, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const now = opts.now ?? Date.now;
  const policy = opts.policy ?? DEFAULT_TARGET_POLICY;
  const maxRedirects = Math.min(cfg.maxRedirects, MAX_REDIRECTS);
  const started = performance.now();
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  const at = now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  let certExpiresAt: number | null = null;
  let url = new URL(cfg.url);
  const origin = url.origin;
  let hops = 0;
  try {
    for (; ; hops++) {
      // Configured headers (often credentials) go to the configured origin only, never to where it redirects.
      const headers = url.origin === origin ? cfg.headers : {};
      const hop = await requestOnce({ url, method: cfg.method, headers, signal: ctl.signal, policy, opts, needBody: !!cfg.keyword });
      if (url.protocol === 'https:' && certExpiresAt === null) certExpiresAt = hop.certExpiresAt;
      const redirect = hop.status >= 300 && hop.status < 400 && hop.location && cfg.followRedirects;
      if (redirect && hops < maxRedirects) {
        url = new URL(hop.location!, url);
        continue;
      }
      if (redirect) return { at, ok: false, latencyMs: elapsed(), statusCode: hop.status, error: `more than ${maxRedirects} redirects`, certExpiresAt };
      const range = parseStatusRange(cfg.expectedStatus) ?? { min: 200, max: 399 };
      const failure = judgeHttpResponse(hop.status, hop.body, { status: range, keyword: cfg.keyword, keywordAbsent: cfg.keywordAbsent });
      const daysLeft = certExpiresAt === null ? null : certDaysLeft(certExpiresAt, at);
      // An expiring certificate is reported on a success; it does not fail the check.
      const warning = daysLeft !== null && daysLeft < cfg.certExpiryDays ? `certificate expires in ${daysLeft} days` : null;
      return { at, ok: failure === null, latencyMs: elapsed(), statusCode: hop.status, error: failure ?? warning, certExpiresAt };
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    let error = ctl.signal.aborted ? `timed out after ${timeoutMs} ms` : `${e.code ?? 'error'}: ${e.message}`;
    // The origin only: a redirect's path and query may carry tokens.
    if (err instanceof TargetRefusedError) error = hops > 0 ? `redirect to ${url.protocol}//${url.host} ${e.message}` : e.message;
    return { at, ok: false, latencyMs: elapsed(), statusCode: null, error, certExpiresAt };
  } finally {
    clearTimeout(timer);
  }
}
