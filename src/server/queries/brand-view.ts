/** What the layouts need to show the brand: stylesheet, logo and favicon URLs (hash-versioned), footer links. */
import { createHash } from 'node:crypto';
import { brandCss } from '../../domain/brand';
import { ClearingMemo } from '../../domain/clearing-memo';
import type { Db } from '../db';
import { brandAssetHashes } from './brand';
import { getSettings } from './settings';

export interface BrandView {
  cssHref: string;
  logoLight: string | null;
  logoDark: string | null;
  favicon: string | null;
  footerLinks: { label: string; url: string }[];
}

export function getBrandView(db: Db): BrandView {
  const h = brandAssetHashes(db);
  const url = (slot: keyof typeof h) => (h[slot] ? `/brand/${slot}?v=${h[slot]}` : null);
  const light = url('logo-light');
  const dark = url('logo-dark');
  return { cssHref: `/brand.css?v=${brandStylesheet(db).hash}`, logoLight: light ?? dark, logoDark: dark ?? light, favicon: url('favicon'), footerLinks: getSettings(db).footerLinks };
}

/** The brand stylesheet; its hash is the `?v=` the layouts link with. */
export function brandStylesheet(db: Db): { css: string; hash: string } {
  return sheets.getOrCompute(getSettings(db).brandColor, buildSheet);
}

// The sheet is a pure function of the brand colour, and every page links it: built once per colour.
const sheets = new ClearingMemo<string | null, { css: string; hash: string }>(16);

function buildSheet(color: string | null): { css: string; hash: string } {
  const css = brandCss(color);
  return { css, hash: createHash('sha256').update(css).digest('hex').slice(0, 16) };
}
