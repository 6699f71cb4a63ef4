/** A fetch for the OpenID client under the outbound address policy: every address checked, then connected to. */
import http from 'node:http';
import https from 'node:https';
import type { TargetPolicy } from '../../domain/target-policy';
import { guardedLookup } from '../net/guarded-lookup';
import { checkUrl, TargetRefusedError } from '../net/target-policy';

const MAX_BODY = 1024 * 1024;
const TIMEOUT_MS = 10_000;

/** What the OpenID client sends: a method, headers and a string, form or byte body. */
interface Sent {
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

function bodyOf(body: unknown): string | Buffer | undefined {
  if (body == null) return undefined;
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof URLSearchParams || typeof body === 'string') return body.toString();
  throw new TypeError('the OpenID client sent a body this fetch does not stream');
}

/** fetch(url, init) through node:http(s) with the guarded lookup; no redirects followed, bodies at most 1 MB. */
export function guardedFetch(policy: TargetPolicy): (input: string, init: Sent) => Promise<Response> {
  return (input, init) => {
    const url = new URL(input);
    const refused = checkUrl(url, policy);
    if (refused) return Promise.reject(new TargetRefusedError(`the OpenID provider is ${refused}`));
    const body = bodyOf(init.body);
    return new Promise((resolve, reject) => {
      const lib = url.protocol === 'https:' ? https : http;
      const req = lib.request(url, { method: init.method, headers: init.headers, agent: false, lookup: guardedLookup(policy), timeout: TIMEOUT_MS });
      req.on('timeout', () => req.destroy(new Error(`the OpenID provider did not answer within ${TIMEOUT_MS / 1000} s`)));
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) return req.destroy(new Error('the OpenID provider answered more than 1 MB'));
          chunks.push(c);
        });
        res.on('end', () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          const status = res.statusCode ?? 502;
          resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
        });
        res.on('error', reject);
      });
      req.end(body);
    });
  };
}
