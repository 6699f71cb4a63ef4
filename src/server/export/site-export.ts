/** One export of the public site from a database and a request listener (used by the CLI and by EXPORT_DIR). */
import type { Db } from '../db';
import { getExportTargets } from '../queries/export-targets';
import { getSettings } from '../queries/settings';
import { exportSite, type ExportResult } from './export-site';
import type { Render } from './render-in-process';

export function exportFrom(db: Db, render: Render, dir: string, clientDir: string, changeId: number, now = Date.now()): Promise<ExportResult & { changeId: number }> {
  const input = { render, dir, clientDir, targets: getExportTargets(db), now, slaTimeZone: getSettings(db).slaTimeZone, changeId };
  return exportSite(input).then((r) => ({ ...r, changeId }));
}
