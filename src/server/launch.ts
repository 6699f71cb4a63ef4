/** Production entry point: turns on V8's compile cache, then loads the server, so later starts skip compiling it. */
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// In dist/.compile-cache, filled by the build's warm start (src/build/warm-start.mjs), so even the first start after
// a build or deploy finds the server compiled; NODE_COMPILE_CACHE picks another folder, NODE_DISABLE_COMPILE_CACHE=1
// turns it off. A read-only dist only means no cache.
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE ?? fileURLToPath(new URL('../.compile-cache/', import.meta.url)));
// @ts-expect-error built next to this file (src/server/main.ts)
await import('./server.mjs');
