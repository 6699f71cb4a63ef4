/** What a static export must render: every public incident and component, and how far back the data goes. */
import type { Db } from '../db';

export interface ExportTargets {
  incidentIds: number[];
  componentSlugs: string[];
  /** Earliest component start (ms), or null with no components. */
  firstStart: number | null;
}

export function getExportTargets(db: Db): ExportTargets {
  const c = db.$client;
  return {
    incidentIds: c.prepare('SELECT id FROM incidents WHERE draft = 0 ORDER BY id').pluck().all() as number[],
    componentSlugs: c.prepare('SELECT slug FROM components WHERE visible = 1 ORDER BY position, id').pluck().all() as string[],
    firstStart: (c.prepare('SELECT MIN(start_date) FROM components').pluck().get() as number | null) ?? null,
  };
}
