// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { build } from 'esbuild';

// drizzle-orm's entry loads hundreds of small modules (~1 s of resolving and reading at start-up); bundled, it is one file.
const BUNDLED = /^drizzle-orm(\/|$)/;
/** @type {import('esbuild').Plugin} */
const externalExceptBundled = {
  name: 'external-except-bundled',
  setup(b) {
    b.onResolve({ filter: /^[^/]/ }, (a) => (BUNDLED.test(a.path) || (a.path.startsWith('.') && !a.path.endsWith('.mjs')) ? undefined : { path: a.path, external: true }));
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
  integrations: [bundleEntryPoints],
  vite: {
    build: { assetsInlineLimit: 0 },
    ssr: { external: ['better-sqlite3'], noExternal: ['drizzle-orm'] },
  },
});
