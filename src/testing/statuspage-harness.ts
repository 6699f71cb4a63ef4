/** The built server seeded for Statuspage's management API: three keys (admin, write, read), two components, an SMTP sink. */
import { createApiKey } from '../server/services/api-keys';
import { createComponent } from '../server/services/components';
import { cliActor } from '../server/services/actor';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { specErrors } from './statuspage-spec';

export interface SpServer {
  server: RunningServer;
  sink: SmtpSink;
  keys: { admin: string; write: string; read: string };
  pageId: string;
  /** A call as curl would make it: OAuth header, JSON (or form) body, path after /pages/{page_id}. */
  call: (path: string, method?: string, body?: unknown, key?: string, form?: boolean) => Promise<Response>;
  stop: () => Promise<void>;
}

export async function startSpServer(env: Record<string, string> = {}): Promise<SpServer> {
  const sink = await startSmtpSink();
  const dbPath = tempDbPath();
  const keys = { admin: '', write: '', read: '' };
  seedDatabase(dbPath, (db) => {
    const ops = cliActor('test');
    for (const scope of ['admin', 'write', 'read'] as const)
      keys[scope] = createApiKey(db, scope, ops, Date.now(), scope).key;
    createComponent(db, { name: 'API', slug: 'api', startDate: Date.now() - 86_400_000 }, ops, Date.now());
    createComponent(db, { name: 'Dashboard', slug: 'dashboard', startDate: Date.now() - 86_400_000 }, ops, Date.now());
  });
  const server = await startServer({
    dbPath,
    env: { LOG_LEVEL: 'warn', SMTP_URL: sink.url, MAIL_FROM: 'Status <status@example.com>', ...env },
  });
  const pages = await (
    await fetch(`${server.baseURL}/api/v1/pages`, { headers: { authorization: `OAuth ${keys.admin}` } })
  ).json();
  const pageId: string = pages[0].id;
  const call = (path: string, method = 'GET', body?: unknown, key = keys.admin, form = false) =>
    fetch(`${server.baseURL}/api/v1/pages/${pageId}${path}`, {
      method,
      headers: {
        authorization: `OAuth ${key}`,
        'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const stop = async () => {
    await server.stop();
    await sink.close();
  };
  return { server, sink, keys, pageId, call, stop };
}

/** The answer's JSON, after checking it is what Atlassian's description says `method template` answers with `status`. */
export async function specJson(res: Response, method: string, template: string, status: number): Promise<any> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${method} ${template}: expected ${status}, got ${res.status} ${text}`);
  const body = text === '' ? undefined : JSON.parse(text);
  const errors = specErrors(method, template, status, body);
  if (errors.length)
    throw new Error(`${method} ${template} → ${status} does not match Statuspage's description: ${errors.join('; ')}`);
  return body;
}
