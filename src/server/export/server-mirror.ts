/** EXPORT_DIR in the server: the mirror follows the change counter, rendered by this process's own front layer. */
// Decision: docs/decisions/017-static-mirror.md
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { onChange } from '../changes';
import type { Config } from '../config';
import type { Db } from '../db';
import type { NodeHandler } from '../http/front';
import type { Logger } from '../log';
import { startMirrorSync, type MirrorSync } from './mirror-sync';
import { renderThrough } from './render-in-process';
import { mirrorState } from './mirror-state';
import { exportFrom } from './site-export';

/** `firstExportAfter`: the full export at start-up waits for it (main.ts: the first answer), so it does not slow that answer. */
export function startServerMirror(db: Db, front: NodeHandler, config: Config, log: Logger, version: () => number, firstExportAfter: Promise<unknown> = Promise.resolve()): (MirrorSync & { stop: () => void }) | null {
  const dir = config.exportDir;
  if (!dir) return null;
  const clientDir = fileURLToPath(new URL('../client/', import.meta.url));
  const render = renderThrough(front);
  const sync = startMirrorSync({ dir, command: config.exportCommand, commandEnv: config.commandEnv, log, exportOnce: () => exportFrom(db, { render, dir, clientDir, origin: config.siteUrl, changeId: version(), since: mirrorState()?.lastChangeId ?? null }) });
  const off = onChange(() => sync.trigger());
  // A change before then triggers an export anyway; this one makes sure the folder is written once.
  void firstExportAfter.then(() => sync.trigger());
  return { ...sync, stop: () => (off(), sync.stop()) };
}

/** The origin's answer to /mirror.json: "not a mirror" (an export writes its own with mirror: true), so pages never log a 404. */
export function originManifest(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end('{"mirror":false}');
}
