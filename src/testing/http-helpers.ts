/** Helpers for HTTP-level tests against the built server. */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Signs in through the real form and returns the Cookie header value. */
export async function signInCookie(baseURL: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseURL}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: baseURL, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers.get('set-cookie') ?? '';
  const m = /sp_session=([^;]+)/.exec(cookie);
  if (res.status !== 303 || !m) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return `sp_session=${m[1]}`;
}

/** Every route file under dir (relative to src/pages), turned into a concrete URL path with params filled in. */
export function routesUnder(pagesDir: string, sub: string): { file: string; url: string }[] {
  const out: { file: string; url: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(astro|ts|js|md|mdx|html)$/.test(e.name) && !e.name.startsWith('_') && !/\.test\.ts$/.test(e.name)) {
        const rel = path.relative(pagesDir, full).split(path.sep).join('/');
        const url = `/${rel}`
          .replace(/\.(astro|ts|js|md|mdx|html)$/, '')
          .replace(/\/index$/, '')
          .replace(/\[\.\.\.[^\]]+\]/g, 'x/y')
          .replace(/\[[^\]]+\]/g, '1');
        out.push({ file: rel, url });
      }
    }
  };
  walk(path.join(pagesDir, sub));
  return out;
}

/** Every route file under pagesDir: its route as Astro spells it (`/incidents/[id]`) and a concrete URL for it. */
export function routeFiles(pagesDir: string, slug = 'api'): { file: string; route: string; url: string }[] {
  const out: { file: string; route: string; url: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(astro|ts|js|md|mdx|html)$/.test(e.name) && !e.name.startsWith('_') && !/\.test\.ts$/.test(e.name)) {
        const file = path.relative(pagesDir, full).split(path.sep).join('/');
        const route = `/${file}`.replace(/\.(astro|ts|js|md|mdx|html)$/, '').replace(/\/index$/, '') || '/';
        const url = route
          .replace(/\[\.\.\.[^\]]+\]/g, 'x')
          .replace(/\[slug\]/g, slug)
          .replace(/\[[^\]]+\]/g, '1');
        out.push({ file, route, url });
      }
    }
  };
  walk(pagesDir);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

export interface RawResponse {
  status: number;
  /** The status line's reason phrase ("Unprocessable Entity"). */
  reason: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 request written byte for byte on a socket: fetch and node:http would normalise or refuse the
 * very spellings (`/./`, `\`, tabs) these tests need to send.
 */
export function rawRequest(port: number, method: string, target: string, headers: Record<string, string> = {}, body = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const head = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    if (body || method === 'POST') head.push(`Content-Length: ${Buffer.byteLength(body)}`);
    // write, not end: node aborts a pending response when the client half-closes.
    socket.on('connect', () => socket.write(`${head.join('\r\n')}\r\n\r\n${body}`));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const lines = text.slice(0, end === -1 ? text.length : end).split('\r\n');
      const m = /^HTTP\/1\.1 (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
      if (!m) return reject(new Error(`no HTTP response to ${method} ${JSON.stringify(target)}: ${JSON.stringify(text.slice(0, 200))}`));
      const h: Record<string, string> = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        if (i > 0) h[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      const rest = end === -1 ? '' : text.slice(end + 4);
      resolve({ status: Number(m[1]), reason: m[2], headers: h, body: h['transfer-encoding'] === 'chunked' ? dechunk(rest) : rest });
    });
  });
}

function dechunk(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const eol = text.indexOf('\r\n', i);
    const size = parseInt(text.slice(i, eol), 16);
    if (!size) break;
    out += text.slice(eol + 2, eol + 2 + size);
    i = eol + 2 + size + 2;
  }
  return out;
}
