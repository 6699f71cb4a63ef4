/**
 * Issue 24: subscribers belong to a page. Subscribing on a page sends that page's incidents only; a private-only
 * incident reaches no public page's subscriber. Real SQLite file, the real fan-out into the outbox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db } from '../db';
import { freshDb } from '../../testing/db';
import { seedPages, type PagesFixture } from '../../testing/pages-fixture';
import { TEST_ACTOR } from '../../testing/subscriber-scenario';
import { subscribe as subscribeVerb } from '../features/subscribers/verbs';
import { pageForRequest } from '../queries/pages';
import { createIncident } from './incidents';
import { fanOutMail } from './mail-fan-out';
import { confirmSubscriber } from './subscribers';

let db: Db;
let fx: PagesFixture;
const now = Date.now();

beforeEach(async () => {
  db = freshDb();
  fx = seedPages(db, now - 60_000);
  await fanOutMail(db, now); // the fixture's own incidents go out before anyone subscribes
  // each signs up on their page's host, as /subscribe does: the page comes from the request, not the form
  for (const [email, host] of [['main@example.com', 'status.test'], ['shop@example.com', 'shop.test']]) {
    subscribeVerb({ db, now, actor: TEST_ACTOR, page: pageForRequest(db, host) }, { email });
  }
  for (const r of db.$client.prepare('SELECT id FROM subscribers').all() as { id: number }[]) confirmSubscriber(db, r.id, now);
});
afterEach(() => closeDatabase(db));

async function recipientsOf(title: string, componentId: number, pages: number[] = []): Promise<string[]> {
  const before = (db.$client.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM mail_outbox').get() as { n: number }).n;
  createIncident(db, { title, impact: 'minor', status: 'investigating', body: 'Looking.', components: { [componentId]: 'degraded_performance' }, pageIds: pages }, TEST_ACTOR, now);
  await fanOutMail(db, now);
  return (db.$client.prepare("SELECT \"to\" FROM mail_outbox WHERE id > ? AND event LIKE 'change:%' ORDER BY \"to\"").all(before) as { to: string }[]).map((r) => r.to);
}

describe('the fan-out matches subscribers by page', () => {
  it('stores the page subscribed on', () => {
    const rows = db.$client.prepare('SELECT email, page_id AS pageId FROM subscribers ORDER BY email').all();
    expect(rows).toEqual([
      { email: 'main@example.com', pageId: null },
      { email: 'shop@example.com', pageId: fx.pages.shop },
    ]);
  });

  it.each([
    ['a component of the main page only', 'web', ['main@example.com']],
    ['a component of the shop page only', 'checkout', ['shop@example.com']],
    ['a component both pages show', 'api', ['main@example.com', 'shop@example.com']],
    ['a component of the private page only', 'vault', []],
  ] as const)('an incident on %s', async (_, key, expected) => {
    expect(await recipientsOf(`About ${key}`, fx.components[key])).toEqual(expected);
  });

  it('an incident posted to chosen pages reaches their subscribers only', async () => {
    expect(await recipientsOf('Shop-only note', fx.components.api, [fx.pages.shop])).toEqual(['shop@example.com']);
    expect(await recipientsOf('Staff-only note', fx.components.api, [fx.pages.internal])).toEqual([]);
  });
});
