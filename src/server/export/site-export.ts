/** One export of the public site from a database and a request listener (used by the CLI and by EXPORT_DIR). */
// Decision: docs/decisions/017-static-mirror.md
import type { Db } from '../db';
import { getExportTargets } from '../queries/export-targets';
import { getSettings } from '../queries/settings';
import { exportSite, type ExportResult } from './export-site';
import type { Render } from './render-in-process';
import { ALL, tagsForChanges } from '../http/cache-tags';
import { changesAfter, tagLookups } from '../queries/cache-tags';

/** Cache tags made stale by the changes after `since`; everything when the database went back (a restore) or too much changed. */
function staleSince(db: Db, since: number, upTo: number): Set<string> {
  if (since > upTo) return new Set([ALL]);
  const { entries } = changesAfter(db, since);
  if (entries.length >= 10_000) return new Set([ALL]);
  return new Set(tagsForChanges(entries, tagLookups(db), Date.now()));
}

export interface ExportFrom {
  render: Render;
  dir: string;
  clientDir: string;
  /** SITE_URL: where links the mirror cannot hold (subscribing, say) point instead. */
  origin: string;
  changeId: number;
  /** The change id of the export already in dir: only what the changes after it made stale is rendered again. */
  since?: number | null;
  now?: number;
}

export function exportFrom(db: Db, o: ExportFrom): Promise<ExportResult & { changeId: number }> {
  const { changeId, since = null, now = Date.now() } = o;
  const staleTags = since === null ? undefined : staleSince(db, since, changeId);
  const input = { render: o.render, dir: o.dir, clientDir: o.clientDir, origin: o.origin, targets: getExportTargets(db), now, slaTimeZone: getSettings(db).slaTimeZone, changeId, staleTags };
  return exportSite(input).then((r) => ({ ...r, changeId }));
}
