// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { build } from 'esbuild';

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
        packages: /** @type {const} */ ('external'),
        sourcemap: true,
        outExtension: { '.js': '.mjs' },
        logLevel: /** @type {const} */ ('warning'),
        banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      };
      await build({ ...common, entryPoints: { main: 'src/server/main.ts' }, outdir: 'dist/server', external: ['./entry.mjs'] });
      await build({ ...common, entryPoints: { demo: 'src/cli/demo.ts', admin: 'src/cli/admin.ts', backup: 'src/cli/backup.ts', monitor: 'src/cli/monitor.ts' }, outdir: 'dist/cli' });
      await build({ ...common, entryPoints: { seed: 'bench/seed.ts' }, outdir: 'dist/bench' });
    },
  },
};

export default defineConfig({
  output: 'server',
  // node_modules is shared by several worktrees; a per-checkout cache keeps their content stores apart
  cacheDir: './.astro/cache',
  // Middleware mode: src/server/main.ts serves dist/client itself and passes the client IP to Astro as locals.
  adapter: node({ mode: 'middleware' }),
  // Astro's own origin check compares against http://localhost behind our front layer; src/middleware.ts checks origins instead.
  security: { checkOrigin: false },
  build: { inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  integrations: [bundleEntryPoints],
  vite: {
    build: { assetsInlineLimit: 0 },
    ssr: { external: ['better-sqlite3'] },
  },
});
