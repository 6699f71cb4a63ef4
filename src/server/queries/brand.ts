/** Reads and writes of the uploaded brand images. */
import { eq } from 'drizzle-orm';
import { brandAssets } from '../../../db/schema';
import type { BrandSlot } from '../../domain/brand';
import type { Db } from '../db';

export interface BrandAsset {
  slot: BrandSlot;
  contentType: string;
  bytes: Buffer;
  hash: string;
}

export function getBrandAsset(db: Db, slot: BrandSlot): BrandAsset | null {
  return db.select({ slot: brandAssets.slot, contentType: brandAssets.contentType, bytes: brandAssets.bytes, hash: brandAssets.hash }).from(brandAssets).where(eq(brandAssets.slot, slot)).get() ?? null;
}

/** The hash of each stored slot (for `?v=` URLs), without the bytes. */
export function brandAssetHashes(db: Db): Partial<Record<BrandSlot, string>> {
  const rows = db.select({ slot: brandAssets.slot, hash: brandAssets.hash }).from(brandAssets).all();
  return Object.fromEntries(rows.map((r) => [r.slot, r.hash]));
}

export function putBrandAsset(db: Db, a: BrandAsset, at: number): void {
  const values = { ...a, updatedAt: at };
  db.insert(brandAssets).values(values).onConflictDoUpdate({ target: brandAssets.slot, set: values }).run();
}

export function deleteBrandAsset(db: Db, slot: BrandSlot): boolean {
  return db.delete(brandAssets).where(eq(brandAssets.slot, slot)).run().changes > 0;
}
