/** Client assets: the build's precompressed variants are used as they are; missing or stale ones are made in the background. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStaticFiles } from './static-files';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-static-'));
  fs.mkdirSync(path.join(dir, 'client/_astro'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'pre/_astro'), { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const body = Buffer.from(`console.log(${JSON.stringify('x'.repeat(2000))});\n`);
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('loadStaticFiles', () => {
  it('takes the build’s gzip and brotli variants as they are, at once', () => {
    fs.writeFileSync(path.join(dir, 'client/_astro/app.js'), body);
    const gz = zlib.gzipSync(body, { level: 9 });
    const br = zlib.brotliCompressSync(body);
    fs.writeFileSync(path.join(dir, 'pre/_astro/app.js.gz'), gz);
    fs.writeFileSync(path.join(dir, 'pre/_astro/app.js.br'), br);
    const f = loadStaticFiles(path.join(dir, 'client'), path.join(dir, 'pre')).get('/_astro/app.js')!;
    expect(f.gzip).toEqual(gz);
    expect(f.br).toEqual(br);
    expect(f.headers).toMatchObject({ vary: 'Accept-Encoding', 'cache-control': 'public, max-age=31536000, immutable' });
  });

  it('ignores variants older than the asset (or missing) and compresses the asset itself in the background', async () => {
    fs.writeFileSync(path.join(dir, 'pre/_astro/app.js.gz'), zlib.gzipSync(Buffer.from('old')));
    fs.writeFileSync(path.join(dir, 'pre/_astro/app.js.br'), zlib.brotliCompressSync(Buffer.from('old')));
    const past = new Date(Date.now() - 60_000);
    for (const v of ['gz', 'br']) fs.utimesSync(path.join(dir, `pre/_astro/app.js.${v}`), past, past);
    fs.writeFileSync(path.join(dir, 'client/_astro/app.js'), body);
    fs.writeFileSync(path.join(dir, 'client/_astro/other.js'), body);
    const files = loadStaticFiles(path.join(dir, 'client'), path.join(dir, 'pre'));
    const both = ['/_astro/app.js', '/_astro/other.js'].map((u) => files.get(u)!);
    expect(both.map((f) => [f.gzip, f.br])).toEqual([[null, null], [null, null]]);
    for (const f of both) {
      await until(() => f.gzip !== null && f.br !== null);
      expect(zlib.gunzipSync(f.gzip!)).toEqual(body);
      expect(zlib.brotliDecompressSync(f.br!)).toEqual(body);
    }
  });
});
