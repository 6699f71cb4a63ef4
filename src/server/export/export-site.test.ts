import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RenderResult } from '../http/response-cache';
import { exportSite, readManifest, type ExportInput } from './export-site';

let dir: string;
let client: string;
let rendered: string[];
let gone: Set<string>;

const render = async (url: string): Promise<RenderResult> => {
  rendered.push(url);
  const html = !/\.(json|xml|svg|csv|ics|atom|rss)(\?|$)/.test(url);
  if (gone.has(url) || url === '/mirror-404-page' || /[?&]page=([2-9]|\d\d)/.test(url)) return { status: 404, headers: { 'content-type': 'text/html' }, body: Buffer.from('<h1>Not found</h1>') };
  const links = '<a href="/sla?month=2026-03">SLA</a>';
  return { status: 200, headers: { 'content-type': html ? 'text/html; charset=utf-8' : 'application/json' }, body: Buffer.from(html ? `<p>${url}</p>${links}` : JSON.stringify({ url })) };
};

const input = (extra: Partial<ExportInput> = {}): ExportInput => ({
  render,
  dir,
  clientDir: client,
  origin: 'https://status.example.com',
  targets: { incidentIds: [2, 3], maintenanceIds: [], componentSlugs: ['api', 'web'], brand: {}, firstStart: Date.UTC(2026, 2, 1) },
  now: Date.UTC(2026, 2, 10),
  slaTimeZone: 'UTC',
  changeId: 7,
  ...extra,
});

beforeEach(() => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-export-'));
  dir = path.join(root, 'site');
  client = path.join(root, 'client');
  fs.mkdirSync(path.join(client, '_astro'), { recursive: true });
  fs.writeFileSync(path.join(client, '_astro/app.css'), 'body{}');
  rendered = [];
  gone = new Set();
});
afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

describe('exportSite', () => {
  it('lays every URL out where a static host serves it, with links to query variants rewritten, and a manifest', async () => {
    await exportSite(input());
    expect(fs.readFileSync(path.join(dir, 'incidents/2/index.html'), 'utf8')).toBe('<p>/incidents/2</p><a href="/sla/2026-03/">SLA</a>');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'components/web/feed.xml'), 'utf8'))).toEqual({ url: '/components/web/feed.xml' });
    expect(fs.existsSync(path.join(dir, 'sla/2026-03/index.html'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, '404.html'), 'utf8')).toBe('<h1>Not found</h1>');
    expect(fs.readFileSync(path.join(dir, '_astro/app.css'), 'utf8')).toBe('body{}');
    const m = readManifest(dir)!;
    expect(m).toMatchObject({ mirror: true, changeId: 7, writtenAt: '2026-03-10T00:00:00.000Z' });
    expect(m.files).toContain('index.html');
  });

  it('rewrites nothing when nothing changed', async () => {
    await exportSite(input());
    const again = await exportSite(input({ changeId: 8 }));
    expect(again.written).toBe(0);
    expect(readManifest(dir)!.changeId).toBe(8);
  });

  it('renders again only what the stale tags name, keeps the rest and removes what no longer exists', async () => {
    await exportSite(input());
    rendered = [];
    gone.add('/incidents/3');
    const r = await exportSite(input({ changeId: 9, staleTags: new Set(['incident:3', 'page:overview']) }));
    expect(rendered).toEqual(['/', '/incidents/3']);
    rendered = [];
    await exportSite(input({ changeId: 10, staleTags: new Set(['sla:2026-03']) }));
    expect(rendered).toEqual(['/sla?month=2026-03', '/sla.csv?month=2026-03', '/api/sla.json?month=2026-03']);
    expect(r.removed).toBe(1);
    expect(fs.existsSync(path.join(dir, 'incidents/3/index.html'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'incidents/2/index.html'))).toBe(true);
    const m = readManifest(dir)!;
    expect(m.files).toContain('components/api/index.html');
    expect(m.files).not.toContain('incidents/3/index.html');
  });

  it("renders a component's history again only when that component is stale", async () => {
    await exportSite(input());
    expect(fs.existsSync(path.join(dir, 'history/component/web/index.html'))).toBe(true);
    rendered = [];
    await exportSite(input({ changeId: 11, staleTags: new Set(['component:api']) }));
    expect(rendered.filter((u) => u.startsWith('/history'))).toEqual(['/history?component=api&page=1', '/history?component=api&page=2']);
    expect(readManifest(dir)!.files).toEqual(expect.arrayContaining(['history/component/api/index.html', 'history/component/web/index.html', 'history/index.html']));
  });

  it('renders everything for the tag "all"', async () => {
    await exportSite(input());
    rendered = [];
    await exportSite(input({ staleTags: new Set(['all']) }));
    expect(rendered).toContain('/components/web');
    expect(rendered).toContain('/incidents/2');
  });
});
