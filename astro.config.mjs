// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';
import { warmStart } from './src/build/warm-start.mjs';

// drizzle-orm's entry loads hundreds of small modules (~1 s of resolving and reading at start-up); bundled, it is one file.
// zod's entry imports every one of its ~50 locales; bundled, only what is used remains.
const BUNDLED = /^(drizzle-orm|zod)(\/|$)/;
/** @type {import('esbuild').Plugin} */
const externalExceptBundled = {
  name: 'external-except-bundled',
  setup(b) {
    b.onResolve({ filter: /^[^/]/ }, (a) => (BUNDLED.test(a.path) || (a.path.startsWith('.') && !a.path.endsWith('.mjs')) ? undefined : { path: a.path, external: true }));
  },
};

/**
 * gzip 9 and brotli 11 of each compressible client asset, into dist/precompressed/<path>.gz|.br: the server loads
 * them instead of compressing at start-up (src/server/http/static-files.ts). Kept outside dist/client, so the
 * static mirror copies only the assets themselves.
 */
const precompressAssets = {
  name: 'precompress-assets',
  hooks: {
    'astro:build:done': () => {
      const client = 'dist/client';
      const out = 'dist/precompressed';
      fs.rmSync(out, { recursive: true, force: true });
      for (const rel of fs.readdirSync(client, { recursive: true, encoding: 'utf8' })) {
        const file = path.join(client, rel);
        if (!fs.statSync(file).isFile() || !/\.(js|mjs|css|svg|json|webmanifest|map|txt)$/.test(rel)) continue;
        const body = fs.readFileSync(file);
        if (body.length <= 512) continue;
        fs.mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
        fs.writeFileSync(path.join(out, `${rel}.gz`), zlib.gzipSync(body, { level: 9 }));
        fs.writeFileSync(path.join(out, `${rel}.br`), zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
      }
    },
  },
};

/** Last step: one start of the built server fills dist/.compile-cache (src/build/warm-start.mjs). */
const warmCompileCache = {
  name: 'warm-compile-cache',
  hooks: {
    'astro:build:done': async () => {
      fs.rmSync('dist/.compile-cache', { recursive: true, force: true });
      await warmStart(process.cwd());
    },
  },
};

/** Bundles our own entry points (the front server and the CLIs) beside Astro's server build. */
const bundleEntryPoints = {
  name: 'bundle-entry-points',
  hooks: {
    'astro:build:done': async () => {
      const common = {
        bundle: true,
        platform: /** @type {const} */ ('node'),
        format: /** @type {const} */ ('esm'),
        target: 'node24',
        plugins: [externalExceptBundled],
        sourcemap: true,
        outExtension: { '.js': '.mjs' },
        logLevel: /** @type {const} */ ('warning'),
        banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      };
      await build({ ...common, entryPoints: { main: 'src/server/launch.ts', server: 'src/server/main.ts' }, outdir: 'dist/server' });
      await build({ ...common, entryPoints: { demo: 'src/cli/demo.ts', admin: 'src/cli/admin.ts', backup: 'src/cli/backup.ts', monitor: 'src/cli/monitor.ts', export: 'src/cli/export.ts' }, outdir: 'dist/cli' });
      await build({ ...common, entryPoints: { seed: 'bench/seed.ts' }, outdir: 'dist/bench' });
    },
  },
};

export default defineConfig({
  output: 'server',
  // node_modules is shared by several worktrees; a per-checkout cache keeps their content stores apart
  cacheDir: './.astro/cache',
  // Middleware mode: src/server/main.ts serves dist/client itself and passes the client IP to Astro as locals.
  // Pages render to one string: the front layer caches whole bodies anyway, and streaming hundreds of small
  // chunks through a ReadableStream cost a fifth of an uncached render.
  adapter: node({ mode: 'middleware', experimentalDisableStreaming: true }),
  // Astro's own origin check compares against http://localhost behind our front layer; src/middleware.ts checks origins instead.
  security: { checkOrigin: false },
  build: { inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  // No astro:assets here: the /_image route Astro always injects answers 404 instead of converting images for anyone.
  image: { endpoint: { route: '/_image', entrypoint: './src/server/http/no-image-endpoint.ts' } },
  integrations: [bundleEntryPoints, precompressAssets, warmCompileCache],
  vite: {
    build: { assetsInlineLimit: 0 },
    ssr: { external: ['better-sqlite3'], noExternal: ['drizzle-orm', 'zod'] },
  },
});
