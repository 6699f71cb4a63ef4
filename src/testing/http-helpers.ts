/** Helpers for HTTP-level tests against the built server. */
import fs from 'node:fs';
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
