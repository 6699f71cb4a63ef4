/** npm run export -- <dir>: writes the static mirror of DATABASE_PATH's public site into dir. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit } from '../server/config';
import { openAppDatabase } from '../server/bootstrap';
import { closeDatabase } from '../server/db';
import { createFrontHandler, type AstroHandler } from '../server/http/front';
import { ResponseCache } from '../server/http/response-cache';
import { securityHeaders } from '../server/http/security-headers';
import { createLogger } from '../server/log';
import { currentChangeId } from '../server/queries/changes';
import { missingPublicResource } from '../server/queries/public-existence';
import { exportFrom } from '../server/export/site-export';
import { ExportFailedError } from '../server/export/export-site';
import { renderThrough } from '../server/export/render-in-process';

const dir = process.argv[2];
if (!dir || dir.startsWith('-')) {
  console.error('Usage: npm run export -- <directory>');
  process.exit(2);
}
const config = loadConfigOrExit();
const db = openAppDatabase(Date.now());
const changeId = currentChangeId(db);

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = new URL('../server/entry.mjs', import.meta.url).href;
const { handler } = (await import(entry)) as { handler: AstroHandler };
const front = createFrontHandler({
  astro: handler,
  cache: new ResponseCache(0),
  trustProxy: false,
  headers: securityHeaders({ https: config.siteUrl.startsWith('https:'), frameAncestors: config.frameAncestors }),
  maxBodyBytes: config.maxBodyBytes,
  isSignedIn: () => false,
  log: createLogger('warn'),
  missing: missingPublicResource(db),
  version: () => changeId,
});
const clientDir = fileURLToPath(new URL('../client/', import.meta.url));
try {
  const r = await exportFrom(db, { render: renderThrough(front), dir: path.resolve(dir), clientDir, origin: config.siteUrl, changeId });
  console.log(`Exported ${r.files} files to ${path.resolve(dir)} (${r.written} written, ${r.removed} removed) in ${Math.round(r.ms)} ms at change ${changeId}.`);
} catch (err) {
  if (!(err instanceof ExportFailedError)) throw err;
  // Whatever syncs the folder next must not run: a non-zero exit says so.
  console.error(`Export to ${path.resolve(dir)} failed: ${err.message}.`);
  process.exitCode = 1;
} finally {
  closeDatabase(db);
}
