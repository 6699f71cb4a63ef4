/** Production entry point: turns on V8's compile cache, then loads the server, so later starts skip compiling it. */
import module from 'node:module';

// Kept in os.tmpdir() (Node's default); NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
// @ts-expect-error built next to this file (src/server/main.ts)
await import('./server.mjs');
