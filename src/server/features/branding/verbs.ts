/** Branding verbs (issue 12): admins only. */
import { removeBrandAsset, saveBrandAsset, saveBranding } from '../../services/brand';
import { defineVerb } from '../verb';
import { BrandAssetRemove, BrandAssetUpload, BrandingUpdate } from './schemas';

export const updateBranding = defineVerb('settings.branding', 'settings.branding', BrandingUpdate, (ctx, d) => saveBranding(ctx.db, { brandColor: d.brandColor, footerLinks: d.footerLinks }, ctx.actor, ctx.now));

export const uploadBrandAsset = defineVerb('settings.brandAsset', 'settings.branding', BrandAssetUpload, (ctx, d) => ({ hash: saveBrandAsset(ctx.db, d.slot, d.file.type, d.file.bytes, ctx.actor, ctx.now) }));

export const removeBrandAssetVerb = defineVerb('settings.brandAssetRemove', 'settings.branding', BrandAssetRemove, (ctx, d) => removeBrandAsset(ctx.db, d.slot, ctx.actor, ctx.now));
