/** The server: validates config, opens and migrates the database, then serves through the front layer (started by launch.ts). */
import http from 'node:http';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureFirstAdmin, openAppDatabase } from './bootstrap';
import { currentChangeId } from './queries/changes';
import { pageIdentity } from './queries/identity';
import { readCookie, SESSION_COOKIE } from './auth/tokens';
import { validateSession } from './auth/sessions';
import { committedVersion, startChangePoller } from './changes';
import { loadConfigOrExit } from './config';
import { closeDatabase, type Db } from './db';
import { createFrontHandler, type AstroHandler } from './http/front';
import { ResponseCache } from './http/response-cache';
import { securityHeaders } from './http/security-headers';
import { loadStaticFiles } from './http/static-files';
import { missingPublicResource } from './queries/public-existence';
import { createLiveStream } from './http/live-stream';
import { startClock } from './jobs/clock';
import { createLogger } from './log';
import { setRenderFailureLog } from './render-failures';
import { countRequest } from './metrics/http-counters';
import { healthHandler } from './health';
import { registerProcess } from './process-registry';
import { exposedDatabaseFiles } from './private-files';
import { startWebhookWorker } from './webhooks/worker';
import { startMonitorRunner } from './monitor/runner';
import { configuredMailOptions, startMailWorker } from './mail/worker';
import { originManifest, startServerMirror } from './export/server-mirror';
import { startPurger } from './export/purge';
import { listPages, pageForRequest } from './queries/pages';
import { changePages } from './queries/change-pages';
import { pageCacheScope } from './http/page-access';
import { CSV_IMPORT_BODY_BYTES } from './features/subscribers/schemas';

const config = loadConfigOrExit();
const log = createLogger(config.logLevel);
setRenderFailureLog(log);

let db: Db;
try {
  db = openAppDatabase(Date.now());
} catch (err) {
  console.error(`Database error: cannot open DATABASE_PATH "${config.databasePath}": ${(err as Error).message}`);
  process.exit(1);
}

registerProcess(config.databasePath, 'server');
for (const f of exposedDatabaseFiles(config.databasePath)) log.warn('database file readable by others: chmod 600 it', f);
ensureFirstAdmin(db, config, log, Date.now());
// written before the first request, so public reads never write
pageIdentity(db, Date.now());
startChangePoller(() => currentChangeId(db));

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
// @ts-expect-error built by Astro next to this file
const { handler } = (await import('./entry.mjs')) as { handler: AstroHandler };

const idleMs = config.sessionIdleMinutes * 60_000;
const live = createLiveStream(db, log, {
  limits: { perClient: config.liveStreamsPerClient, total: config.liveStreamsMax },
  trustProxy: config.trustProxy,
  pages: { pageOf: (host) => pageForRequest(db, host).id, changePages: (e) => changePages(db, listPages(db), e) },
});
const front = createFrontHandler({
  astro: handler,
  cache: new ResponseCache(config.cacheMaxBytes),
  staticFiles: loadStaticFiles(fileURLToPath(new URL('../client/', import.meta.url)), fileURLToPath(new URL('../precompressed/', import.meta.url))),
  trustProxy: config.trustProxy,
  headers: securityHeaders({ https: config.siteUrl.startsWith('https:'), frameAncestors: config.frameAncestors }),
  maxBodyBytes: config.maxBodyBytes,
  largeBodies: { '/admin/subscribers': CSV_IMPORT_BODY_BYTES },
  isSignedIn: (req) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    return token !== null && validateSession(db, token, Date.now(), idleMs) !== null;
  },
  routes: { '/api/stream': live.handle, '/mirror.json': originManifest, '/healthz': healthHandler(db, () => [{ name: 'clock', maxAgeMs: 10_000 }, ...(config.monitors ? [{ name: 'monitor-runner', maxAgeMs: 30_000 }] : [])]) },
  log,
  onRequest: countRequest,
  missing: missingPublicResource(db),
  // Another process's commit must be visible on the next request: read the committed counter, at most once a ms.
  version: committedVersion(() => currentChangeId(db)),
  pageOf: (host) => pageCacheScope(pageForRequest(db, host)),
  pageRoutes: new Set(['/api/stream', '/mirror.json']),
});

const failed = (req: http.IncomingMessage, res: http.ServerResponse) => (err: unknown) => {
  log.error('unhandled error', { path: req.url, error: String((err as Error)?.stack ?? err) });
  if (!res.headersSent) {
    // Headers set before the throw (a Content-Length of the body that was due, say) must not frame this answer.
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side.' } }));
  } else res.destroy();
};
const server = http.createServer((req, res) => {
  try {
    front(req, res)?.catch(failed(req, res));
  } catch (err) {
    failed(req, res)(err);
  }
});
server.keepAliveTimeout = 65_000;
// Without a listener node drops CONNECT connections silently; answer like any other refused method.
server.on('connect', (_req, socket) => socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, OPTIONS\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));

// The start-up export (a full one) waits until the first response is sent, or 2 s: cold start is not slowed by it.
const firstAnswer = new Promise<void>((resolve) => {
  setTimeout(resolve, 2000).unref();
  server.once('request', (_req, res: http.ServerResponse) => res.once('close', () => resolve()));
});
const mirror = startServerMirror(db, front, config, log, committedVersion(() => currentChangeId(db)), firstAnswer);
const stopPurger = startPurger(db, config.purgeCommand, log, config.commandEnv);
const stopClock = startClock(db, log, 1000, { webhookRetentionDays: config.webhookRetentionDays, mailRetentionDays: config.mailRetentionDays });
const stopWebhooks = startWebhookWorker(db, log);
const mailOptions = configuredMailOptions();
const stopMail = mailOptions ? startMailWorker(db, log, mailOptions) : null;
const runner = config.monitors ? startMonitorRunner(db, log, { retentionDays: config.monitorRetentionDays }) : null;

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`Cannot listen on ${config.host}:${config.port}: ${err.code ?? err.message}`);
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // Always printed, whatever LOG_LEVEL: operators and test harnesses wait for this line.
  process.stdout.write(JSON.stringify({ t: new Date().toISOString(), level: 'info', msg: 'listening', url, port, database: config.databasePath }) + '\n');
});

function shutdown(signal: string): void {
  log.info('shutting down', { signal });
  stopClock();
  void stopWebhooks();
  void stopMail?.();
  runner?.stop();
  mirror?.stop();
  stopPurger?.();
  live.close();
  server.close();
  closeDatabase(db, { checkpoint: true });
  // What this run compiled (the render path included) is kept for the next start (src/server/launch.ts).
  module.flushCompileCache?.();
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
