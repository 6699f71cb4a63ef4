/** The built client assets (dist/client), held in memory with gzip and brotli variants compressed once. */
import { createHash } from 'node:crypto';
import { notModified } from '../../domain/conditional';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { chooseEncoding } from './response-cache';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};
const COMPRESSIBLE = /^(text\/|image\/svg|application\/(json|manifest))/;
// Astro puts content-hashed bundles under /_astro/: their URL changes whenever their bytes do.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, max-age=0, must-revalidate';

interface StaticFile {
  identity: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
  headers: Record<string, string>;
  etag: string;
}

export type StaticFiles = Map<string, StaticFile>;

const MIN_COMPRESSED_BYTES = 512;

/** A variant written by the build for this very file (not older than it), or null. */
function prebuilt(file: string, source: fs.Stats): Buffer | null {
  try {
    const st = fs.statSync(file);
    return st.mtimeMs >= source.mtimeMs ? fs.readFileSync(file) : null;
  } catch {
    return null;
  }
}

/**
 * Reads every file under dir. Compressed variants come from `precompressed` (written by the build, see
 * astro.config.mjs) when present: compressing chart.js at brotli 11 took a core for a quarter of a second at every
 * start. Without them, compression finishes in the background (identity is served until then).
 */
export function loadStaticFiles(dir: string, precompressed?: string): StaticFiles {
  const files: StaticFiles = new Map();
  if (!fs.existsSync(dir)) return files;
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dir, rel);
    const st = fs.statSync(full);
    if (!st.isFile()) continue;
    const url = '/' + rel.split(path.sep).join('/');
    const body = fs.readFileSync(full);
    const type = TYPES[path.extname(rel).toLowerCase()] ?? 'application/octet-stream';
    const file: StaticFile = {
      identity: body,
      gzip: null,
      br: null,
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
      headers: { 'content-type': type, 'cache-control': url.startsWith('/_astro/') ? IMMUTABLE : REVALIDATE },
    };
    if (COMPRESSIBLE.test(type) && body.length > MIN_COMPRESSED_BYTES) {
      file.headers.vary = 'Accept-Encoding';
      const gz = precompressed ? prebuilt(path.join(precompressed, `${rel}.gz`), st) : null;
      const br = precompressed ? prebuilt(path.join(precompressed, `${rel}.br`), st) : null;
      if (gz && br) {
        file.gzip = gz;
        file.br = br;
      } else {
        void Promise.all([gzip(body, { level: 9 }), brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })]).then(([g, b]) => {
          file.gzip = g;
          file.br = b;
        });
      }
    }
    files.set(url, file);
  }
  return files;
}

/** Answers a GET/HEAD for a static file; false when path is not one. */
export function serveStatic(files: StaticFiles, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  const file = files.get(path);
  if (!file) return false;
  for (const k in file.headers) res.setHeader(k, file.headers[k]);
  res.setHeader('etag', file.etag);
  if (notModified(req.headers['if-none-match'], file.etag)) {
    res.writeHead(304);
    res.end();
    return true;
  }
  const { body, encoding } = chooseEncoding(req.headers['accept-encoding'], file);
  if (encoding) res.setHeader('content-encoding', encoding);
  res.setHeader('content-length', body.length);
  res.writeHead(200);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
