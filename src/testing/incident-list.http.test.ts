/**
 * The admin incident list scales: every incident reachable, paged, filtered by status, impact, component and start
 * day, searched by title; and a public incident page links to its admin page for operators only, through the
 * browser's own hint cookie, so the cached public page stays the same for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR } from '../domain/constants';
import type { Impact } from '../domain/enums';
import { createIncident, postUpdate } from '../server/services/incidents';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { seedComponents, TEST_ACTOR } from './subscriber-scenario';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };
const DAY0 = Date.UTC(2026, 0, 1);
const IMPACT_CYCLE: Impact[] = ['minor', 'major', 'critical'];
let server: RunningServer;
let cookie = '';
let loginSetCookie = '';
const ids = { api: 0, web: 0 };

beforeAll(async () => {
  const dbPath = tempDbPath('incident-list-');
  seedDatabase(dbPath, (db) => {
    Object.assign(ids, seedComponents(db, DAY0 - MS_PER_DAY));
    // 60 incidents, one a day from 1 January 2026: every third on the web app, the rest on the API, all resolved but the last.
    for (let n = 1; n <= 60; n++) {
      const at = DAY0 + (n - 1) * MS_PER_DAY + MS_PER_HOUR;
      const title = n === 7 ? 'Cache 100% full_ish' : `Outage number ${n}`;
      const i = createIncident(db, { title, impact: IMPACT_CYCLE[n % 3], status: 'investigating', body: 'x', components: { [n % 3 === 0 ? ids.web : ids.api]: 'partial_outage' }, startedAt: at, displayAt: at }, TEST_ACTOR, Date.now());
      if (n < 60) postUpdate(db, i.id, { status: 'resolved', body: 'Fixed.', displayAt: at + MS_PER_HOUR }, TEST_ACTOR, Date.now());
    }
    createIncident(db, { title: 'A draft', impact: 'minor', status: 'investigating', body: 'x', components: {}, startedAt: DAY0 + 70 * MS_PER_DAY, displayAt: DAY0 + 70 * MS_PER_DAY, draft: true }, TEST_ACTOR, DAY0 + 70 * MS_PER_DAY);
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  const res = await fetch(`${server.baseURL}/admin/login`, { method: 'POST', redirect: 'manual', headers: { origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(ADMIN) });
  loginSetCookie = res.headers.getSetCookie().join('\n');
  cookie = `sp_session=${/sp_session=([^;]+)/.exec(loginSetCookie)![1]}`;
});
afterAll(() => server?.stop());

const list = async (query: string) => {
  const res = await fetch(`${server.baseURL}/admin/incidents?${query}`, { headers: { cookie } });
  const html = await res.text();
  return { status: res.status, html, ids: [...html.matchAll(/<li data-incident-id="(\d+)"/g)].map((m) => Number(m[1])), count: /data-testid="incident-count">([^<]+)</.exec(html)?.[1] };
};

describe('the admin incident list', () => {
  it('reaches every incident, newest first, 25 a page, keeping the filters in the page links', async () => {
    const first = await list('');
    expect(first.count).toBe('61 incidents · page 1 of 3');
    expect(first.ids).toEqual([61, ...Array.from({ length: 24 }, (_, k) => 60 - k)]);
    const last = await list('page=3');
    expect(last.ids).toEqual(Array.from({ length: 11 }, (_, k) => 11 - k));
    expect(last.html).toContain('href="/admin/incidents/1"');
    const filtered = await list('status=resolved&page=2');
    expect(filtered.count).toBe('59 incidents · page 2 of 3');
    expect(filtered.html).toContain('href="/admin/incidents?status=resolved&amp;page=1"');
    expect(filtered.html).toContain('href="/admin/incidents?status=resolved&amp;page=3"');
  });

  it.each([
    ['status=open', [60]],
    ['status=draft', [61]],
    ['status=resolved&impact=critical&to=2026-01-09', [8, 5, 2]],
    ['component=2&from=2026-02-20', [60, 57, 54, 51]],
    ['from=2026-01-05&to=2026-01-06', [6, 5]],
    ['q=number+5', [59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 5]],
    ['q=100%25', [7]],
    ['q=%25', [7]],
    ['q=_', [7]],
    ['q=nothing+like+this', []],
  ])('filters %s', async (query, expected) => {
    const r = await list(query);
    expect(r.status).toBe(200);
    expect(r.ids).toEqual(expected);
  });

  it.each([
    ['from=2026-13-45', 'from', 'Use a real date.'],
    ['to=yesterday', 'to', 'Use a date like 2026-03-01.'],
    ['impact=huge', 'impact', 'Choose a listed impact.'],
    ['page=0', 'page', 'Must be positive.'],
  ])('answers a bad filter %s with 400 and the message next to the field, keeping what was typed', async (query, field, message) => {
    const r = await list(`q=kept&${query}`);
    expect(r.status).toBe(400);
    if (field !== 'page') expect(r.html).toContain(`id="f-${field}-error"`);
    expect(r.html).toContain(message);
    expect(r.html).toContain('value="kept"');
  });
});

describe('the public incident page for operators', () => {
  it('sets a readable hint cookie at sign-in and clears it at sign-out; the session cookie stays HttpOnly', async () => {
    expect(loginSetCookie).toMatch(/sp_operator=1; Path=\/; SameSite=Lax(?!.*HttpOnly)/);
    expect(loginSetCookie).toMatch(/sp_session=[^;]+;.*HttpOnly/);
  });

  it('ships the same cached HTML to everyone, the admin link hidden until the script sees the hint', async () => {
    const anonymous = await fetch(`${server.baseURL}/incidents/60`);
    const anonymousHtml = await anonymous.text();
    const operator = await fetch(`${server.baseURL}/incidents/60`, { headers: { cookie: `${cookie}; sp_operator=1` } });
    expect(await operator.text()).toBe(anonymousHtml);
    // a placeholder naming the admin path, filled by the script: no <a> to the admin in the page (or its mirror copy)
    expect(anonymousHtml).toMatch(/<span data-operator-link="\/admin\/incidents\/60" hidden><\/span>/);
    expect(anonymousHtml).not.toContain('href="/admin/incidents/60"');
    expect(anonymousHtml).toContain('<script src="/js/operator-link.js" defer></script>');
    expect(anonymous.headers.get('cache-control')).toMatch(/public/);
    const script = await (await fetch(`${server.baseURL}/js/operator-link.js`)).text();
    expect(script).toContain('sp_operator=1');
  });

  it('signing out clears the hint', async () => {
    const res = await fetch(`${server.baseURL}/admin/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(res.headers.getSetCookie().join('\n')).toMatch(/sp_operator=deleted;|sp_operator=;.*Expires=Thu, 01 Jan 1970/);
  });
});
