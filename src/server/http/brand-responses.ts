/** Responses of /brand.css and /brand/<slot>: ETag by content hash, immutable when the URL names that hash. */
import { BRAND_SLOTS, type BrandSlot } from '../../domain/brand';
import { notModified } from '../../domain/conditional';
import type { Db } from '../db';
import { getBrandAsset } from '../queries/brand';
import { brandStylesheet } from '../queries/brand-view';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, max-age=300, must-revalidate';

function cached(req: Request, url: URL, hash: string, body: BodyInit, headers: Record<string, string>): Response {
  const etag = `"${hash}"`;
  const h = { ...headers, etag, 'cache-control': url.searchParams.get('v') === hash ? IMMUTABLE : REVALIDATE };
  if (notModified(req.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers: h });
  return new Response(body, { status: 200, headers: h });
}

export function brandCssResponse(db: Db, req: Request, url: URL): Response {
  const { css, hash } = brandStylesheet(db);
  return cached(req, url, hash, css, { 'content-type': 'text/css; charset=utf-8' });
}

export function brandAssetResponse(db: Db, req: Request, url: URL, slot: string | undefined): Response {
  const asset = BRAND_SLOTS.includes(slot as BrandSlot) ? getBrandAsset(db, slot as BrandSlot) : null;
  if (!asset) return new Response('No such brand image.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=60' } });
  return cached(req, url, asset.hash, new Uint8Array(asset.bytes), {
    'content-type': asset.contentType,
    'content-disposition': 'inline',
    'content-security-policy': "default-src 'none'",
  });
}
