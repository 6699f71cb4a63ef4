/** What a static export must render: every public incident, maintenance and component, the brand files, and how far back the data goes. */
import { IMAGE_EXTENSIONS, type BrandSlot, type ImageType } from '../../domain/brand';
import type { Db } from '../db';

export interface ExportTargets {
  incidentIds: number[];
  maintenanceIds: number[];
  componentSlugs: string[];
  /** Each stored brand image's file extension on the mirror (`/brand/logo-light` → `brand/logo-light.png`). */
  brand: Partial<Record<BrandSlot, string>>;
  /** Earliest component start (ms), or null with no components. */
  firstStart: number | null;
}

export function getExportTargets(db: Db): ExportTargets {
  const c = db.$client;
  const brand: Partial<Record<BrandSlot, string>> = {};
  for (const r of c.prepare('SELECT slot, content_type AS type FROM brand_assets ORDER BY slot').all() as { slot: BrandSlot; type: string }[]) {
    const ext = IMAGE_EXTENSIONS[r.type as ImageType];
    if (ext) brand[r.slot] = ext;
  }
  return {
    incidentIds: c.prepare('SELECT id FROM incidents WHERE draft = 0 ORDER BY id').pluck().all() as number[],
    maintenanceIds: c.prepare('SELECT id FROM maintenances ORDER BY id').pluck().all() as number[],
    componentSlugs: c.prepare('SELECT slug FROM components WHERE visible = 1 ORDER BY position, id').pluck().all() as string[],
    brand,
    firstStart: (c.prepare('SELECT MIN(start_date) FROM components').pluck().get() as number | null) ?? null,
  };
}
