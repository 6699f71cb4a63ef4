/** The static export's own requests (src/server/export/render-in-process.ts), told apart by a symbol no client can send. */
import type { IncomingMessage } from 'node:http';

const EXPORTING = Symbol('statuspage.export');

type Marked = IncomingMessage & { [EXPORTING]?: true };

export function markExportRequest(req: IncomingMessage): void {
  (req as Marked)[EXPORTING] = true;
}

/** Whether the static export is rendering this request (front.ts hands it to pages as `Astro.locals.mirror`). */
export function isExportRequest(req: IncomingMessage): boolean {
  return (req as Marked)[EXPORTING] === true;
}
