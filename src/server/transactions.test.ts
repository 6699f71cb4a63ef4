/** Every transaction in the code leaves an audit entry and a change, or is named below as a job or an admin-only write with its reason. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const TX = /\btx\(|\.transaction\(/;
const DECL = /^(?:export )?(?:async )?function (\w+)|^(?:export )?const (\w+) = /;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [relative(ROOT, p)] : [];
  });
}

/** Top-level functions as `file#name` → body (a body runs to the next top-level declaration). */
function functionsOf(file: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    const m = DECL.exec(line);
    if (m) out.push([`${file}#${m[1] ?? m[2]}`, line]);
    else if (out.length) out[out.length - 1][1] += `\n${line}`;
  }
  return out;
}

const code = files(join(ROOT, 'src')).filter((f) => !f.startsWith('src/testing/'));
const fns = code.flatMap(functionsOf);

const calls = (body: string, names: Set<string>) => [...names].some((n) => new RegExp(`\\b${n}\\(`).test(body));

/** Names of the functions that reach `root` through calls (a helper that records a change counts as recording it). */
function reaching(root: string): Set<string> {
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, body] of fns) {
      const name = id.split('#')[1];
      if (found.has(name) || !calls(body, found)) continue;
      found.add(name);
      grew = true;
    }
  }
  return found;
}


/** Transactions with no audit entry: jobs and plumbing, each with why. */
const NO_AUDIT: Record<string, string> = {
  'src/server/db.ts#tx': 'the transaction helper itself',
  'src/server/db.ts#probeWrite': 'writes and deletes a probe row to learn whether the disk accepts writes again',
  'src/server/features/verb.ts#withTransaction': 'wraps verbs, each of which audits and records its own change',
  'src/server/services/journal.ts#markDayBoundary': 'the clock marks a new UTC day in the change log; nobody acted',
  'src/server/services/mail-fan-out.ts#fanOutIn': 'mail job: queues notifications for changes already audited, a chunk of subscribers at a time',
  'src/server/services/status-as-update.ts#postStatusAsUpdate': 'wraps postUpdate in the same transaction, which audits and records the update it posts',
  'src/server/viewer-access/purge.ts#purgeViewerAccess': 'clock job: deletes expired viewer sessions, sign-in links and OpenID flows',
  'src/server/viewer-access/sign-in.ts#signInWithLink': "a private page's viewer signs in: startSession (called inside) audits it as viewer.signIn; private, no change",
  'src/server/viewer-access/sign-in.ts#signInWithOidc': "a private page's viewer signs in: startSession (called inside) audits it as viewer.signIn; private, no change",
  'src/server/services/mail-outbox.ts#recordMailOutcomes': 'mail worker: records each attempt on its outbox row',
  'src/server/queries/prune-rows.ts#pruneFinished': 'retention job: deletes finished webhook deliveries and sent mail past their retention',
  'src/server/services/maintenance.ts#tickMaintenances': 'clock job: windows start and end at the times an audited write set',
  'src/server/services/monitoring.ts#recordCheck': 'monitor job: a probe result, recorded as monitor data, not an act',
  'src/server/services/monitoring.ts#aggregateMonitorDay': 'monitor job: daily roll-up of probe results',
  'src/server/services/monitoring.ts#purgeMonitorResults': 'retention job: deletes probe results past MONITOR_RETENTION_DAYS',
  'src/server/services/sla.ts#freezeSlaMonth': 'month-end job: closes a past month into a cache of results derived from audited facts',
  'src/server/services/subscriber-jobs.ts#tickReminders': 'clock job: maintenance reminders for windows already audited',
  'src/server/services/users.ts#completeSetup': 'spends the setup token; the createUser it calls in the same transaction audits the new admin (private: no change)',
  'src/server/services/upgrade-history.ts#upgradeHistory': 'one-time start-up rebuild of derived history after a migration',
  'src/server/webhooks/claim.ts#claimRows': 'delivery worker: claims queued deliveries',
  'src/server/webhooks/deliver.ts#recordOutcomes': 'delivery worker: records each attempt on its delivery row',
  'src/server/webhooks/fan-out.ts#fanOutChanges': 'webhook job: queues deliveries for changes already audited',
};

/** Audited writes with no change-log entry: nothing on the public page, its feeds or its webhooks depends on them. */
const NO_CHANGE: Record<string, string> = {
  'src/server/auth/login.ts#recordFailure': 'a failed sign-in (audited for the operators, private)',
  'src/server/auth/login.ts#signIn': 'a session; private',
  'src/server/services/api-keys.ts#createApiKey': 'API keys are private',
  'src/server/services/api-keys.ts#revokeApiKey': 'API keys are private',
  'src/server/services/mail-outbox.ts#recordMailOutcome': 'a subscriber address failing; private',
  'src/server/services/subscribers.ts#subscribe': 'subscribers are private',
  'src/server/services/subscribers.ts#confirmSubscriber': 'subscribers are private',
  'src/server/services/subscribers.ts#resendConfirmation': 'subscribers are private',
  'src/server/services/subscribers.ts#changeChoice': 'subscribers are private',
  'src/server/services/subscribers.ts#removeSubscriber': 'subscribers are private',
  'src/server/services/subscribers.ts#importSubscribers': 'subscribers are private',
  'src/server/services/templates.ts#createTemplate': 'incident templates are admin-only drafts',
  'src/server/services/templates.ts#updateTemplate': 'incident templates are admin-only drafts',
  'src/server/services/templates.ts#deleteTemplate': 'incident templates are admin-only drafts',
  'src/server/services/users.ts#createUser': 'users are private',
  'src/server/services/users.ts#setPassword': 'users are private',
  'src/server/services/users.ts#updateUser': 'users are private',
  'src/server/services/webhook-subscriptions.ts#subscribeWebhook': 'webhook subscribers are private',
  'src/server/services/webhook-subscriptions.ts#confirmWebhookSubscriber': 'webhook subscribers are private',
  'src/server/services/webhook-subscriptions.ts#unsubscribeWebhook': 'webhook subscribers are private',
  'src/server/services/webhooks.ts#addSubscriber': 'webhook endpoints are private',
  'src/server/services/webhooks.ts#editSubscriber': 'webhook endpoints are private',
  'src/server/services/webhooks.ts#removeSubscriber': 'webhook endpoints are private',
  'src/server/services/webhooks.ts#enableSubscriber': 'webhook endpoints are private',
  'src/server/services/webhooks.ts#queueTestMessage': 'a test delivery to one endpoint; private',
};

describe('every transaction is audited and recorded as a change', () => {
  const transactions = fns.filter(([, body]) => TX.test(body));
  // the audit entry is written in the transaction's own function, where a reader sees it
  const audits = new Set(['recordAudit']);
  const changes = reaching('recordChange');

  it('finds the transactions (the scan works)', () => {
    expect(transactions.length).toBeGreaterThan(50);
    expect(transactions.map(([id]) => id)).toContain('src/server/services/incidents.ts#createIncident');
  });

  it('records an audit entry, unless it is a job named with its reason', () => {
    const missing = transactions.filter(([id, body]) => !NO_AUDIT[id] && !calls(body, audits)).map(([id]) => id);
    expect(missing).toEqual([]);
  });

  it('records a change, unless it is a job or a private write named with its reason', () => {
    const missing = transactions.filter(([id, body]) => !NO_AUDIT[id] && !NO_CHANGE[id] && !calls(body, changes)).map(([id]) => id);
    expect(missing).toEqual([]);
  });

  it('names no transaction that does not exist any more, nor one that in fact audits and records', () => {
    const ids = new Set(transactions.map(([id]) => id));
    expect(Object.keys({ ...NO_AUDIT, ...NO_CHANGE }).filter((id) => !ids.has(id))).toEqual([]);
    const needless = transactions.filter(([id, body]) => (NO_AUDIT[id] || NO_CHANGE[id]) && calls(body, audits) && calls(body, changes)).map(([id]) => id);
    expect(needless).toEqual([]);
  });
});
