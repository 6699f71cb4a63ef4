/** Branding end to end through the built server: uploads served by hash, bad files and colours refused, links shown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser } from '../server/services/users';
import { signInCookie } from './http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

let server: RunningServer;
let cookie: string;
let key: string;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, cliActor('test'), Date.now());
    key = createApiKey(db, 'brand', cliActor('test'), Date.now(), 'admin').key;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  cookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password');
});
afterAll(() => server?.stop());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const form = (fields: Record<string, string>) =>
  fetch(server.baseURL + '/admin/settings', { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

function upload(slot: string, bytes: Uint8Array, filename = 'logo.png', type = 'image/png') {
  const fd = new FormData();
  fd.set('_action', 'upload');
  fd.set('slot', slot);
  fd.set('file', new File([new Uint8Array(bytes)], filename, { type }));
  return fetch(server.baseURL + '/admin/settings', { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL }, body: fd });
}

const publicHome = async () => (await fetch(server.baseURL + '/')).text();

describe('brand images', () => {
  it('serves an uploaded logo with its sniffed type, a hash ETag, long caching for the versioned URL, 304 on match', async () => {
    expect((await upload('logo-light', PNG, 'anything.jpg', 'image/jpeg')).status).toBe(303);
    const html = await publicHome();
    const src = /<img class="brand-logo" src="(\/brand\/logo-light\?v=([0-9a-f]{64}))"/.exec(html);
    expect(src).not.toBeNull();
    expect(html).toMatch(new RegExp(`<meta property="og:image" content="[^"]+${src![1].replace(/[?]/g, '\\?')}"`));
    // With only a light logo the dark theme uses it too.
    expect(html).toContain(`<source srcset="${src![1]}" media="(prefers-color-scheme: dark)"`);

    const res = await fetch(server.baseURL + src![1]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('etag')).toBe(`"${src![2]}"`);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);

    const unversioned = await fetch(server.baseURL + '/brand/logo-light');
    expect(unversioned.headers.get('cache-control')).not.toContain('immutable');
    const again = await fetch(server.baseURL + '/brand/logo-light', { headers: { 'if-none-match': `"${src![2]}"` } });
    expect(again.status).toBe(304);
  });

  it('refuses SVG, unknown and oversized files with a field error, and serves nothing for them', async () => {
    for (const [bytes, message] of [
      [SVG, 'SVG is not accepted'],
      [new TextEncoder().encode('GIF89a....'), 'PNG, JPEG or WebP'],
      [new Uint8Array(0), 'Choose an image file.'],
      [new Uint8Array([...PNG, ...new Uint8Array(181 * 1024)]), 'at most 180 KB'],
    ] as const) {
      const res = await upload('favicon', bytes, 'x.svg', 'image/svg+xml');
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toContain('id="brand-file-favicon-error"');
    }
    expect((await fetch(server.baseURL + '/brand/favicon')).status).toBe(404);
    expect((await fetch(server.baseURL + '/brand/nonsense')).status).toBe(404);
  });

  it('replaces the favicon link once one is uploaded and drops a logo on removal', async () => {
    expect((await upload('favicon', PNG)).status).toBe(303);
    expect(await publicHome()).toMatch(/<link rel="icon" href="\/brand\/favicon\?v=[0-9a-f]{64}"/);
    expect((await form({ _action: 'removeAsset', slot: 'favicon' })).status).toBe(303);
    expect(await publicHome()).toContain('<link rel="icon" href="/favicon.svg"');
    expect((await fetch(server.baseURL + '/brand/favicon')).status).toBe(404);
  });

  it('refuses an upload from an anonymous client', async () => {
    const fd = new FormData();
    fd.set('_action', 'upload');
    fd.set('slot', 'logo-dark');
    fd.set('file', new File([PNG], 'a.png'));
    const res = await fetch(server.baseURL + '/admin/settings', { method: 'POST', redirect: 'manual', headers: { origin: server.baseURL }, body: fd });
    expect(res.status).not.toBe(303);
    expect((await fetch(server.baseURL + '/brand/logo-dark')).status).toBe(404);
  });
});

describe('brand colour and footer links', () => {
  it.each([
    ['#ffff00', 'Too little contrast'],
    ['#222222', 'Too little contrast'],
    ['blue', 'Enter a hex colour'],
  ])('refuses %s with a field error', async (brandColor, message) => {
    const res = await form({ _action: 'branding', brandColor });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain('id="brand-brandColor-error"');
    expect(html).toContain(`value="${brandColor}"`);
  });

  it('serves an accepted colour as /brand.css, linked with its version from the public and admin layouts', async () => {
    expect((await form({ _action: 'branding', brandColor: '#2F81F7' })).status).toBe(303);
    const href = /<link rel="stylesheet" href="(\/brand\.css\?v=[0-9a-f]+)"/.exec(await publicHome())![1];
    const admin = await (await fetch(server.baseURL + '/admin/settings', { headers: { cookie } })).text();
    expect(admin).toContain(`href="${href}"`);
    const css = await fetch(server.baseURL + href);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toContain('--brand: #2f81f7;');
  });

  it('renders up to five https footer links and refuses others', async () => {
    const bad = await form({ _action: 'branding', brandColor: '', footerLabel1: 'Docs', footerUrl1: 'javascript:alert(1)', footerLabel2: '', footerUrl2: 'https://example.com' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="brand-footerUrl1-error"');
    expect(badHtml).toContain('id="brand-footerLabel2-error"');

    expect((await form({ _action: 'branding', brandColor: '', footerLabel1: 'Docs', footerUrl1: 'https://docs.example.com/', footerLabel3: 'Terms & privacy', footerUrl3: 'https://example.com/terms' })).status).toBe(303);
    const html = await publicHome();
    expect(html).toContain('<a href="https://docs.example.com/" rel="noopener">Docs</a>');
    expect(html).toContain('<a href="https://example.com/terms" rel="noopener">Terms &amp; privacy</a>');
    expect(await (await fetch(server.baseURL + '/brand.css')).text()).not.toContain('--brand');
  });
});

describe('the same verbs over the JSON API', () => {
  const api = (name: string, body: unknown) => fetch(`${server.baseURL}/api/v1/verbs/${name}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('uploads base64, refuses SVG with a field error (4xx JSON), and checks contrast', async () => {
    expect((await api('settings.brandAsset', { slot: 'logo-dark', file: Buffer.from(PNG).toString('base64') })).status).toBe(200);
    expect((await fetch(server.baseURL + '/brand/logo-dark')).headers.get('content-type')).toBe('image/png');
    const svg = await api('settings.brandAsset', { slot: 'logo-dark', file: Buffer.from(SVG).toString('base64') });
    expect(svg.status).toBe(422);
    expect(JSON.stringify(await svg.json())).toContain('SVG is not accepted');
    const low = await api('settings.branding', { brandColor: '#ffff00', footerLinks: [] });
    expect(low.status).toBe(422);
    expect((await api('settings.branding', { brandColor: '#2f81f7', footerLinks: [{ label: 'Docs', url: 'https://docs.example.com/' }] })).status).toBe(200);
    expect(await publicHome()).toContain('>Docs</a>');
  });
});
