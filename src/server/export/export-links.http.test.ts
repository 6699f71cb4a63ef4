/**
 * `npm run export` of the demo with a brand (colour, logo, favicon): every page, stylesheet, script and image a
 * mirrored page names is in the export at the URL the page uses, and what a static host cannot answer (a form
 * that posts, a page that does not exist on the mirror) points at the origin rather than at a 404.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo';
import { saveBrandAsset, saveBranding } from '../services/brand';
import { seedDatabase, tempDbPath } from '../../testing/server-harness';
import { TEST_ACTOR } from '../../testing/subscriber-scenario';

const ORIGIN = 'https://status.example.com';
// A 1×1 PNG (the signature and IHDR are what the upload checks; browsers draw it).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let out: string;
let dbPath: string;
let files: Set<string>;
let pages: Map<string, string>;

/** Every `href`, `src` and `action` of a page, with the tag it sits on. */
function links(html: string): { tag: string; attr: string; url: string; posts: boolean }[] {
  const found: { tag: string; attr: string; url: string; posts: boolean }[] = [];
  for (const m of html.matchAll(/<([a-z]+)\b([^>]*)>/g)) {
    for (const a of m[2].matchAll(/\b(href|src|action)="([^"]*)"/g)) {
      found.push({ tag: m[1], attr: a[1], url: a[2].replaceAll('&amp;', '&'), posts: /\bmethod="post"/i.test(m[2]) });
    }
  }
  return found;
}

/** The file a static host answers a same-site URL with: the query is passed by, a folder serves its index.html. */
function served(url: string): string | null {
  const p = decodeURIComponent(new URL(url, 'http://mirror').pathname).replace(/^\//, '');
  for (const f of [p, `${p}${p === '' || p.endsWith('/') ? '' : '/'}index.html`]) if (files.has(f)) return f;
  return null;
}

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-export-links-'));
  dbPath = tempDbPath('statuspage-export-links-');
  const now = Date.now();
  seedDatabase(dbPath, (db) => {
    seedDemo(db, now, false);
    saveBranding(db, { brandColor: '#0b5fff', footerLinks: [] }, TEST_ACTOR, now);
    saveBrandAsset(db, 'logo-light', 'image/png', PNG, TEST_ACTOR, now);
    saveBrandAsset(db, 'favicon', 'image/png', PNG, TEST_ACTOR, now);
  });
  execFileSync(process.execPath, ['dist/cli/export.mjs', out], { env: { ...process.env, DATABASE_PATH: dbPath, SITE_URL: ORIGIN, SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'Status <status@example.com>', MONITORS: 'off' }, stdio: 'pipe' });
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'mirror.json'), 'utf8')) as { files: string[] };
  files = new Set(manifest.files);
  pages = new Map(manifest.files.filter((f) => f.endsWith('.html')).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
});

afterAll(() => {
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

describe('npm run export', () => {
  it('holds every feed, maintenance page, component history and brand file', () => {
    for (const f of ['feed.json', 'feed.xml', 'feed.atom', 'brand.css', 'brand/logo-light.png', 'brand/favicon.png', 'components/api/feed.atom', 'history/component/api/index.html']) {
      expect(files.has(f), f).toBe(true);
    }
    expect([...files].filter((f) => /^maintenance\/\d+\/index\.html$/.test(f)).length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(out, 'brand/logo-light.png')).equals(PNG)).toBe(true);
    expect(fs.readFileSync(path.join(out, 'brand.css'), 'utf8')).toContain('#0b5fff');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'feed.json'), 'utf8')).version).toMatch(/jsonfeed/);
  });

  it('names, on every page, only files the mirror holds, or the origin for what only the origin can answer', () => {
    let checked = 0;
    const toOrigin = new Set<string>();
    for (const [file, html] of pages) {
      for (const l of links(html)) {
        // <link rel="canonical"> and the feeds' rel="alternate" name the origin on purpose: it is the canonical site.
        if (l.url.startsWith(ORIGIN + '/') && l.tag !== 'link') {
          toOrigin.add(`${file}: ${l.tag} ${new URL(l.url).pathname}`);
          continue;
        }
        if (!l.url.startsWith('/') || l.url.startsWith('//')) continue;
        checked++;
        const { pathname, search } = new URL(l.url, 'http://mirror');
        // A static host passes the query by: only a cache buster may remain.
        expect(search === '' || /^\?v=[\w-]+$/.test(search), `${file}: ${l.url}`).toBe(true);
        expect(l.posts, `${file}: a form posting to the mirror (${l.url})`).toBe(false);
        expect(served(pathname), `${file}: ${l.tag} ${l.attr}=${l.url}`).not.toBeNull();
      }
    }
    expect(checked).toBeGreaterThan(1000);
    // Only the mirror's subscribe page leaves it, for the origin's: a copy cannot take sign-ups.
    expect(toOrigin).toEqual(new Set(['subscribe/index.html: a /subscribe']));
  });

  it("has a subscribe page that sends visitors to the origin's, and no sign-up form", () => {
    const page = pages.get('subscribe/index.html')!;
    expect(page).toMatch(/id="mirror-subscribe"[\s\S]*Subscribing needs the live site[\s\S]*href="https:\/\/status\.example\.com\/subscribe"/);
    expect(page).not.toContain('<form');
    expect([...pages.values()].some((html) => html.includes('href="/subscribe"'))).toBe(true);
  });

  it('links a component history to its own mirror page, which shows that component only', () => {
    const api = pages.get('components/api/index.html')!;
    expect(api).toContain('href="/history/component/api/"');
    expect(pages.get('history/component/api/index.html')).toMatch(/<h1>Incident history · API<\/h1>/);
  });

  it('offers no SLA month before the first component existed', () => {
    const months = [...files].filter((f) => /^sla\/\d{4}-\d{2}\/index\.html$/.test(f)).sort();
    const first = pages.get(months[0])!;
    expect(first).not.toContain('rel="prev"');
    expect(pages.get(months[1])).toContain(`href="/${months[0].replace('index.html', '')}" rel="prev"`);
  });
});
