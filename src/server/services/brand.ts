/** Branding writes: colour, footer links, uploaded images. Audited; each moves the change log so caches refresh. */
import { createHash } from 'node:crypto';
import type { BrandSlot, ImageType } from '../../domain/brand';
import { tx, type Db } from '../db';
import { deleteBrandAsset, putBrandAsset } from '../queries/brand';
import { getSettings, putSetting, type Settings } from '../queries/settings';
import type { Actor } from './actor';
import { recordAudit, recordChange } from './journal';

export type BrandingSettings = Pick<Settings, 'brandColor' | 'footerLinks'>;

export function saveBranding(db: Db, next: BrandingSettings, actor: Actor, now: number): void {
  tx(db, () => {
    const s = getSettings(db);
    const before = { brandColor: s.brandColor, footerLinks: s.footerLinks };
    if (JSON.stringify(before) === JSON.stringify(next)) return;
    putSetting(db, 'brandColor', next.brandColor);
    putSetting(db, 'footerLinks', next.footerLinks);
    recordAudit(db, now, actor, 'settings.branding', 'settings', null, { before, after: next });
    recordChange(db, now, 'settings.updated', 'settings', null);
  });
}

export function saveBrandAsset(db: Db, slot: BrandSlot, contentType: ImageType, bytes: Uint8Array, actor: Actor, now: number): string {
  const hash = createHash('sha256').update(bytes).digest('hex');
  tx(db, () => {
    putBrandAsset(db, { slot, contentType, bytes: Buffer.from(bytes), hash }, now);
    recordAudit(db, now, actor, 'settings.brandAsset', 'brand_asset', slot, { after: { contentType, size: bytes.length, hash } });
    recordChange(db, now, 'settings.updated', 'settings', null);
  });
  return hash;
}

export function removeBrandAsset(db: Db, slot: BrandSlot, actor: Actor, now: number): void {
  tx(db, () => {
    if (!deleteBrandAsset(db, slot)) return;
    recordAudit(db, now, actor, 'settings.brandAssetRemove', 'brand_asset', slot, {});
    recordChange(db, now, 'settings.updated', 'settings', null);
  });
}
