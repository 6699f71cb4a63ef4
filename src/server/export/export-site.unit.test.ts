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
/** URLs whose render answers 500 (a page that throws); `throws` rejects instead. */
let broken: Set<string>;
let throws: Set<string>;

const render = async (url: string): Promise<RenderResult> => {
  rendered.push(url);
  if (throws.has(url)) throw new Error(`render of ${url} exploded`);
  if (broken.has(url)) return { status: 500, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"error":{"code":"internal"}}') };
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
  broken = new Set();
  throws = new Set();
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

  it('keeps the previous file of a page that fails to render, removes nothing, and fails the export naming the pages', async () => {
    await exportSite(input());
    const home = fs.readFileSync(path.join(dir, 'index.html'));
    const summary = fs.readFileSync(path.join(dir, 'api/v2/summary.json'));
    broken = new Set(['/', '/api/v2/summary.json', '/mirror-404-page']);
    throws = new Set(['/incidents/2']);
    // A page that really went away meanwhile is not removed by a failed export either: the next good one removes it.
    gone.add('/incidents/3');
    await expect(exportSite(input({ changeId: 8 }))).rejects.toThrow('4 pages failed to render (/, /api/v2/summary.json, /incidents/2, /mirror-404-page)');
    expect(fs.readFileSync(path.join(dir, 'index.html')).equals(home)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'api/v2/summary.json')).equals(summary)).toBe(true);
    for (const f of ['incidents/2/index.html', 'incidents/3/index.html', '404.html']) expect(fs.existsSync(path.join(dir, f)), f).toBe(true);
    const m = readManifest(dir)!;
    expect(m.changeId).toBe(7);
    expect(m.files).toEqual(expect.arrayContaining(['index.html', 'api/v2/summary.json', 'incidents/2/index.html', '404.html']));

    broken = new Set();
    throws = new Set();
    const r = await exportSite(input({ changeId: 9 }));
    expect(r.removed).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(path.join(dir, 'incidents/3/index.html'))).toBe(false);
    expect(readManifest(dir)!.changeId).toBe(9);
  });

  it('keeps the later history pages when one of them fails to render (a failure is not the end of the history)', async () => {
    const threePages: typeof render = (url) => render(url.replace(/([?&]page=)[23]$/, (_, prefix: string) => `${prefix}1`));
    await exportSite(input({ render: threePages }));
    expect(fs.existsSync(path.join(dir, 'history/page/3/index.html'))).toBe(true);
    const failing: typeof render = async (url) => (/^\/history\?page=2$/.test(url) ? { status: 503, headers: {}, body: Buffer.from('') } : threePages(url));
    await expect(exportSite(input({ render: failing, changeId: 8 }))).rejects.toThrow(/1 page failed to render \(\/history\?page=2\)/);
    expect(fs.existsSync(path.join(dir, 'history/page/2/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'history/page/3/index.html'))).toBe(true);
  });
});
