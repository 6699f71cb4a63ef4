/** Writes the static mirror: every public URL rendered by the real handler, the client assets, a manifest. */
import fs from 'node:fs';
import path from 'node:path';
import { ALL, tagsForPath } from '../http/cache-tags';
import type { ExportTargets } from '../queries/export-targets';
import { historyUrl } from '../http/public-paths';
import { exportUrls, fileFor, filesFor, MANIFEST, NOT_FOUND_FILE, rewriteLinks } from './mirror-paths';
import type { RenderResult } from '../http/response-cache';
import type { Render } from './render-in-process';
import { listFiles, writeIfChanged } from './write-files';
import { failedRenderMessage, renderOutcome, type RenderOutcome } from '../../domain/mirror-render';

/** Some pages failed to render: what rendered was written, nothing was removed, the manifest keeps the previous change. */
export class ExportFailedError extends Error {
  constructor(readonly urls: string[]) {
    super(failedRenderMessage(urls));
  }
}

export interface ExportInput {
  render: Render;
  dir: string;
  /** Built client assets (dist/client), copied as they are. */
  clientDir: string;
  /** Where links the mirror cannot hold point instead (the origin's SITE_URL). */
  origin: string;
  targets: ExportTargets;
  now: number;
  slaTimeZone: string;
  /** The change id the export shows (taken before rendering). */
  changeId: number;
  /** Incremental export: only URLs carrying one of these cache tags are rendered; the previous export's other files stay. */
  staleTags?: ReadonlySet<string>;
}

export interface ExportResult {
  files: number;
  written: number;
  removed: number;
  ms: number;
}

export interface Manifest {
  mirror: true;
  changeId: number;
  writtenAt: string;
  files: string[];
}

/** History pages are rendered until one is missing, and never past this many (10 incidents each). */
const MAX_HISTORY_PAGES = 10_000;

/** A path no route answers: its body is the shared 404 page. */
const UNKNOWN = '/mirror-404-page';

/** A render that throws is a failure like a 500, not the end of the export. */
async function renderJudged(render: Render, url: string): Promise<{ outcome: RenderOutcome; r?: RenderResult }> {
  try {
    const r = await render(url);
    return { outcome: renderOutcome(r.status), r };
  } catch {
    return { outcome: 'failed' };
  }
}

export async function exportSite(o: ExportInput): Promise<ExportResult> {
  const started = performance.now();
  const previous = readManifest(o.dir);
  const stale = previous && o.staleTags && !o.staleTags.has(ALL) ? o.staleTags : null;
  const wanted = (url: string) => !stale || tagsForPath(url).some((t) => stale.has(t));
  const brand = o.targets.brand;
  const out = new Map<string, Buffer>();
  // Pages wait for their links to be rewritten until every file of the mirror is known.
  const pages = new Map<string, string>();
  const kept = new Set<string>();
  const failed: string[] = [];
  const add = async (url: string): Promise<boolean> => {
    const { outcome, r } = await renderJudged(o.render, url);
    if (outcome === 'failed') failed.push(url);
    if (outcome !== 'page' || !r) return false;
    const type = r.headers['content-type'] ?? '';
    const file = fileFor(url, type, brand);
    if (type.startsWith('text/html')) pages.set(file, r.body.toString('utf8'));
    else out.set(file, r.body);
    return true;
  };
  const urls = exportUrls(o.targets, o.now, o.slaTimeZone);
  for (const url of urls) if (wanted(url)) await add(url);
  // The site's history and each component's: pages beyond the first, for those whose first page was stale.
  const histories = [null, ...o.targets.componentSlugs].filter((slug) => wanted(historyUrl(slug, 1)));
  for (const slug of histories) for (let page = 2; page <= MAX_HISTORY_PAGES && (await add(historyUrl(slug, page))); page++);
  const historyDirs = histories.map((slug) => (slug ? `history/component/${slug}/` : 'history/page/'));
  if (!stale) {
    const { outcome, r } = await renderJudged(o.render, UNKNOWN);
    if (r?.status === 404) pages.set(NOT_FOUND_FILE, r.body.toString('utf8'));
    else if (outcome === 'failed') failed.push(UNKNOWN);
  }
  for (const rel of listFiles(o.clientDir)) out.set(rel, fs.readFileSync(path.join(o.clientDir, rel)));
  if (stale && previous) {
    // What was not rendered again keeps its previous bytes; what was and no longer exists goes.
    const redone = new Set(urls.filter(wanted).flatMap((u) => filesFor(u, brand)));
    for (const rel of previous.files) {
      if (out.has(rel) || pages.has(rel) || redone.has(rel) || historyDirs.some((dir) => rel.startsWith(dir))) continue;
      kept.add(rel);
    }
  }
  // A failed page keeps its previous file, and nothing is removed until an export renders every page.
  if (failed.length && previous) for (const rel of previous.files) if (!out.has(rel) && !pages.has(rel) && rel !== MANIFEST) kept.add(rel);
  const exists = (rel: string) => out.has(rel) || pages.has(rel) || kept.has(rel);
  for (const [rel, html] of pages) out.set(rel, Buffer.from(rewriteLinks(html, exists, o.origin, brand)));

  let written = 0;
  for (const [rel, bytes] of out) if (writeIfChanged(o.dir, rel, bytes)) written++;
  let removed = 0;
  for (const rel of previous?.files ?? []) {
    if (out.has(rel) || kept.has(rel) || rel === MANIFEST) continue;
    fs.rmSync(path.join(o.dir, rel), { force: true });
    removed++;
  }
  const changeId = failed.length && previous ? previous.changeId : o.changeId;
  const manifest: Manifest = { mirror: true, changeId, writtenAt: new Date(o.now).toISOString(), files: [...out.keys(), ...kept].sort() };
  writeIfChanged(o.dir, MANIFEST, Buffer.from(JSON.stringify(manifest, null, 1) + '\n'));
  if (failed.length) throw new ExportFailedError(failed);
  return { files: out.size + kept.size + 1, written, removed, ms: performance.now() - started };
}

export function readManifest(dir: string): Manifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    return m && m.mirror === true && Array.isArray(m.files) ? m : null;
  } catch {
    return null;
  }
}
