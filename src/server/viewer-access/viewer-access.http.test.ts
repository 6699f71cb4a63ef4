/**
 * Private pages' access gate through the built server: e-mail links via a real SMTP sink, OpenID Connect against a
 * real provider (oidc-provider) on loopback, the IP allowlist under TRUST_PROXY, viewer tokens and sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { cliActor } from '../services/actor';
import { createApiKey, createUser } from '../services/users';
import { signInCookie } from '../../testing/http-helpers';
import { configureViewerAccess } from '../features/viewer-access/verbs';
import { createPage } from '../features/pages/verbs';
import { CookieBrowser } from '../../testing/cookie-browser';
import { startOidcProvider, type TestOidcProvider } from '../../testing/oidc-provider';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { linkIn, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink';

const SITE = 'http://status.test';
let sink: SmtpSink;
let idp: TestOidcProvider;
let server: RunningServer;
let dbPath: string;
let key = '';
/** The private pages of the test, by slug: their ids key the access configuration. */
const pageIds = new Map<string, string>();
const pid = (slug: string): string => pageIds.get(slug) ?? slug;

/** Reads or changes the server's file (WAL: committed rows are shared). */
function sql<T>(text: string, ...args: unknown[]): T[] {
  const db = openDatabase(dbPath);
  try {
    const st = db.$client.prepare(text);
    return (st.reader ? st.all(...args) : (st.run(...args), [])) as T[];
  } finally {
    db.$client.close();
  }
}

/** A browser whose SITE_URL links land on the test server, seen as coming from `ip` (X-Forwarded-For). */
let nextIp = 1;
const browser = (ip = `192.0.2.${nextIp++}`) =>
  new CookieBrowser({ rewrite: (u) => (u.origin === SITE ? new URL(u.pathname + u.search, server.baseURL) : u), headers: { 'x-forwarded-for': ip } });
const host = () => new URL(server.baseURL).host;
const whoami = (b: CookieBrowser, page: string) => b.request(`${server.baseURL}/access/whoami?page=${pid(page)}`);
const api = (verb: string, body: unknown) => fetch(`${server.baseURL}/api/v1/verbs/${verb}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Asks for a link as `email` and returns the redirect the form answered. */
async function askLink(b: CookieBrowser, page: string, email: string): Promise<Response> {
  return b.postForm(`${server.baseURL}/access/sign-in?page=${pid(page)}`, { _action: 'email', email }, server.baseURL);
}

/** Asks for a link, waits for the e-mail and signs in with it; returns the link used. */
async function signInByEmail(b: CookieBrowser, page: string, typed: string): Promise<string> {
  const email = typed.toLowerCase();
  const before = sink.to(email).length;
  expect((await askLink(b, page, typed)).status).toBe(303);
  await sink.waitFor(() => sink.to(email).length > before, `the sign-in e-mail to ${email}`);
  const link = linkIn(sink.to(email).at(-1)!, '/access/link', server.baseURL);
  const shown = await b.request(link);
  expect(shown.status).toBe(200);
  const res = await b.postForm(link, { _action: 'sign-in' }, server.baseURL);
  expect(res.status).toBe(303);
  return link;
}

/** Runs the OpenID sign-in as `account` and returns the status page's last answer. */
async function signInBySso(b: CookieBrowser, account: string): Promise<Response> {
  idp.signInAs(account);
  return (await b.follow(`${server.baseURL}/access/oidc/start?page=${pid('internal')}`)).res;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  idp = await startOidcProvider(`${SITE}/access/oidc/callback`, {
    alice: { email: 'alice@acme.example', email_verified: true, groups: [] },
    bob: { email: 'bob@contractor.example', email_verified: true, groups: ['status-viewers'] },
    mallory: { email: 'mallory@evil.example', email_verified: true, groups: ['guests'] },
    unverified: { email: 'eve@acme.example', email_verified: false, groups: [] },
  });
  dbPath = tempDbPath('viewer-access-');
  seedDatabase(dbPath, (db) => {
    const ctx = { db, now: Date.now(), actor: cliActor('test') };
    key = createApiKey(db, 'test', ctx.actor, ctx.now, 'admin').key;
    createUser(db, { email: 'admin@example.com', password: 'admin password 1', role: 'admin' }, ctx.actor, ctx.now);
    createUser(db, { email: 'editor@example.com', password: 'editor password 1', role: 'editor' }, ctx.actor, ctx.now);
    for (const slug of ['internal', 'customers', 'lab', 'sso-only', 'loopback-tls']) {
      const visibility = slug === 'customers' ? 'audience' : 'private';
      pageIds.set(slug, String(createPage(ctx, { slug, name: `Page ${slug}`, hosts: [`${slug}.test`], visibility, all_components: true }).id));
    }
    configureViewerAccess(ctx, {
      page_id: pid('internal'),
      email_addresses: 'ann@partner.example',
      email_domains: 'acme.example',
      ip_allowlist: '198.51.100.0/24\n2001:db8:1::/48',
      oidc_issuer: idp.issuer,
      oidc_client_id: idp.clientId,
      oidc_client_secret: idp.clientSecret,
      oidc_allowed_domains: 'acme.example',
      oidc_allowed_groups: 'status-viewers',
    });
    configureViewerAccess(ctx, {
      page_id: pid('customers'),
      email_domains: ['globex.example', 'initech.example', 'nobody.example'],
      audience_groups: [
        { name: 'Globex', domains: ['globex.example'], component_ids: [1, 2] },
        { name: 'Initech', domains: ['initech.example'], component_ids: [3] },
      ],
    });
  });
  server = await startServer({
    dbPath,
    env: { SITE_URL: SITE, TRUST_PROXY: '1', SMTP_URL: sink.url, MAIL_FROM: 'Status <status@example.com>', VIEWER_OIDC_ALLOW_PRIVATE_ISSUERS: 'on', LOG_LEVEL: 'warn' },
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await idp?.close();
  await sink?.close();
});

describe('anonymous visitors', () => {
  it('get the sign-in page for HTML and 401 for feeds and the API, never cached publicly', async () => {
    const b = browser();
    const page = await whoami(b, 'internal');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/access/sign-in?page=${pid('internal')}&next=%2Faccess%2Fwhoami%3Fpage%3D${pid('internal')}`);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    const signIn = await b.request(`${server.baseURL}${page.headers.get('location')}`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('Sign in with single sign-on');
    const feed = await b.request(`${server.baseURL}/access/whoami.json?page=${pid('internal')}`);
    expect(feed.status).toBe(401);
    expect((await feed.json()).error.code).toBe('viewer_token_required');
    expect(feed.headers.get('cache-control')).toBe('private, no-store');
  });

  it('an unknown page has no sign-in (404)', async () => {
    expect((await browser().request(`${server.baseURL}/access/sign-in?page=nope`)).status).toBe(404);
  });
});

describe('e-mail link', () => {
  it('admits a listed domain, with its own HttpOnly SameSite=Lax cookie, and the link works once', async () => {
    const b = browser();
    const link = await signInByEmail(b, 'internal', 'Zoe@Acme.example');
    expect(b.cookie(host(), 'sp_viewer')).toBeTruthy();
    const res = await whoami(b, 'internal');
    expect(res.status).toBe(200);
    expect((await res.json()).viewer).toMatchObject({ method: 'email', email: 'zoe@acme.example', audienceGroups: [], componentIds: null });
    // replayed: refused, and no second session
    const again = await browser().postForm(link, { _action: 'sign-in' }, server.baseURL);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('used already or has expired');
  });

  it('sets the cookie HttpOnly, SameSite=Lax, without Secure over http', async () => {
    const b = browser();
    expect((await askLink(b, 'internal', 'ann@partner.example')).status).toBe(303);
    await sink.waitFor(() => sink.to('ann@partner.example').length > 0, 'the link to ann');
    const link = linkIn(sink.to('ann@partner.example')[0], '/access/link', server.baseURL);
    const res = await b.postForm(link, { _action: 'sign-in' }, server.baseURL);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sp_viewer='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('sp_session='))).toBe(false);
  });

  it('answers an unknown address exactly as a listed one, and mails it nothing', async () => {
    const listed = await askLink(browser('203.0.113.60'), 'internal', 'kim@acme.example');
    const unknown = await askLink(browser('203.0.113.61'), 'internal', 'kim@evil.example');
    expect([unknown.status, unknown.headers.get('location')]).toEqual([listed.status, listed.headers.get('location')]);
    await sink.waitFor(() => sink.to('kim@acme.example').length > 0, 'the listed address mail');
    expect(sql('SELECT 1 FROM mail_outbox WHERE "to" = ?', 'kim@evil.example')).toEqual([]);
    expect(sql<{ lane: string }>('SELECT lane FROM mail_outbox WHERE "to" = ?', 'kim@acme.example')).toEqual([{ lane: 'signup' }]);
  });

  it('refuses an expired link', async () => {
    const b = browser('203.0.113.62');
    expect((await askLink(b, 'internal', 'old@acme.example')).status).toBe(303);
    await sink.waitFor(() => sink.to('old@acme.example').length > 0, 'the link');
    sql("UPDATE viewer_links SET expires_at = 1 WHERE email = 'old@acme.example'");
    const res = await b.postForm(linkIn(sink.to('old@acme.example')[0], '/access/link', server.baseURL), { _action: 'sign-in' }, server.baseURL);
    expect(res.status).toBe(422);
    expect((await whoami(b, 'internal')).status).toBe(303);
  });

  it('limits link requests per client and per address, with the same answer for unknown addresses', async () => {
    const b = browser('203.0.113.70');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await askLink(b, 'internal', `flood${i}@evil.example`)).status);
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    const perAddress: number[] = [];
    for (let i = 0; i < 6; i++) perAddress.push((await askLink(browser(`203.0.113.${80 + i}`), 'internal', 'target@acme.example')).status);
    expect(perAddress).toEqual([303, 303, 303, 303, 303, 429]);
    const limited = await askLink(browser('203.0.113.90'), 'internal', 'target@acme.example');
    expect(await limited.text()).toContain('Too many sign-in links');
  });

  it('keeps what was typed next to the message when the address is not one', async () => {
    const res = await askLink(browser('203.0.113.91'), 'internal', 'not an address');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Enter an e-mail address such as you@example.com.');
    expect(html).toContain('value="not an address"');
  });

  it('refuses a cross-site form post', async () => {
    const res = await browser().postForm(`${server.baseURL}/access/sign-in?page=${pid('internal')}`, { _action: 'email', email: 'zoe@acme.example' }, 'https://evil.example');
    expect(res.status).toBe(403);
  });
});

describe('after signing in', () => {
  it.each([
    ['/access/whoami?page=internal', '/access/whoami?page=internal'],
    ['//evil.example/x', '/'],
    ['https://evil.example/', '/'],
    ['/admin/users', '/'],
  ])('an e-mail link asked with next=%s lands on %s', async (next, landing) => {
    const b = browser();
    const email = `next${Math.random().toString(36).slice(2, 8)}@acme.example`;
    const asked = await b.postForm(`${server.baseURL}/access/sign-in?page=${pid('internal')}&next=${encodeURIComponent(next)}`, { _action: 'email', email }, server.baseURL);
    expect(asked.status).toBe(303);
    await sink.waitFor(() => sink.to(email).length > 0, 'the link');
    const res = await b.postForm(linkIn(sink.to(email)[0], '/access/link', server.baseURL), { _action: 'sign-in' }, server.baseURL);
    expect(res.headers.get('location')).toBe(landing);
  });

  it('single sign-on lands on the page asked for', async () => {
    const b = browser();
    idp.signInAs('alice');
    const { res, url } = await b.follow(`${server.baseURL}/access/oidc/start?page=${pid('internal')}&next=${encodeURIComponent(`/access/whoami?page=${pid('internal')}`)}`);
    expect(new URL(url).pathname + new URL(url).search).toBe(`/access/whoami?page=${pid('internal')}`);
    expect((await res.json()).viewer.email).toBe('alice@acme.example');
  });
});

describe('IP allowlist (TRUST_PROXY, X-Forwarded-For)', () => {
  it.each([
    ['198.51.100.7', 200],
    ['198.51.101.7', 303],
    ['2001:db8:1:ff::5', 200],
    ['2001:db8:2::1', 303],
    ['::ffff:198.51.100.9', 200],
  ])('%s → %i', async (ip, status) => {
    const res = await whoami(browser(ip), 'internal');
    expect(res.status).toBe(status);
    if (status === 200) expect((await res.json()).viewer.method).toBe('ip');
  });

  it('admits the allowlist on feeds without a token', async () => {
    expect((await browser('198.51.100.7').request(`${server.baseURL}/access/whoami.json?page=${pid('internal')}`)).status).toBe(200);
    expect((await browser('198.51.99.7').request(`${server.baseURL}/access/whoami.json?page=${pid('internal')}`)).status).toBe(401);
  });
});

describe('OpenID Connect against a real provider', () => {
  it('admits a verified address in the allowed domain', async () => {
    const b = browser();
    const res = await signInBySso(b, 'alice');
    expect(res.status).toBe(200); // landed on / after the callback
    const who = await whoami(b, 'internal');
    expect((await who.json()).viewer).toMatchObject({ method: 'oidc', email: 'alice@acme.example' });
  });

  it('admits a member of the allowed group from another domain', async () => {
    const b = browser();
    await signInBySso(b, 'bob');
    expect((await (await whoami(b, 'internal')).json()).viewer).toMatchObject({ method: 'oidc', email: 'bob@contractor.example' });
  });

  it.each(['mallory', 'unverified'])('refuses %s (no allowed domain or group) with a page, not a session', async (who) => {
    const b = browser();
    const res = await signInBySso(b, who);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('may not view this page');
    expect((await whoami(b, 'internal')).status).toBe(303);
  });

  it('refuses a callback in another browser (no flow cookie) and a replayed one', async () => {
    const b = browser();
    idp.signInAs('alice');
    const start = await b.request(`${server.baseURL}/access/oidc/start?page=${pid('internal')}`);
    let url = start.headers.get('location')!;
    while (!url.startsWith(SITE)) url = new URL((await b.request(url)).headers.get('location')!, url).href;
    const callback = new URL(new URL(url).pathname + new URL(url).search, server.baseURL).href;
    const stranger = await browser().request(callback);
    expect(stranger.status).toBe(422);
    // the browser that started it signs in, once
    expect((await b.request(callback)).status).toBe(303);
    expect((await b.request(callback)).status).toBe(422);
  });
});

describe('viewer tokens for feeds and the API', () => {
  async function makeToken(b: CookieBrowser, name: string): Promise<string> {
    const res = await b.postForm(`${server.baseURL}/access/tokens`, { _action: 'create', name }, server.baseURL);
    expect(res.status).toBe(200);
    return /<code id="new-token">([^<]+)<\/code>/.exec(await res.text())![1];
  }

  it('a token reads the feed surface; revoked by its viewer, it stops working', async () => {
    const b = browser();
    await signInByEmail(b, 'internal', 'reader@acme.example');
    const token = await makeToken(b, 'Feed reader');
    const feed = (t: string) => fetch(`${server.baseURL}/access/whoami.json?page=${pid('internal')}&token=${t}`, { headers: { 'x-forwarded-for': '203.0.113.5' } });
    const ok = await feed(token);
    expect(ok.status).toBe(200);
    expect((await ok.json()).viewer).toMatchObject({ method: 'token', email: 'reader@acme.example' });
    expect((await fetch(`${server.baseURL}/access/whoami.json?page=${pid('customers')}&token=${token}`)).status).toBe(401);
    // a token is not a session: it does not open HTML pages
    expect((await fetch(`${server.baseURL}/access/whoami?page=${pid('internal')}&token=${token}`, { redirect: 'manual' })).status).toBe(303);
    const [{ id }] = sql<{ id: number }>("SELECT id FROM viewer_tokens WHERE email = 'reader@acme.example'");
    const list = await (await b.request(`${server.baseURL}/access/tokens`)).text();
    expect(list).toContain('Feed reader');
    expect(list).not.toContain(token);
    expect((await b.postForm(`${server.baseURL}/access/tokens`, { _action: 'revoke', token_id: String(id) }, server.baseURL)).status).toBe(303);
    expect((await feed(token)).status).toBe(401);
  });

  it("a viewer cannot revoke another viewer's token; the admin can revoke any", async () => {
    const owner = browser();
    await signInByEmail(owner, 'internal', 'owner@acme.example');
    const token = await makeToken(owner, 'Dashboard');
    const [{ id }] = sql<{ id: number }>("SELECT id FROM viewer_tokens WHERE email = 'owner@acme.example'");
    const other = browser();
    await signInByEmail(other, 'internal', 'other@acme.example');
    const theirs = await other.postForm(`${server.baseURL}/access/tokens`, { _action: 'revoke', token_id: String(id) }, server.baseURL);
    expect(theirs.status).toBe(404);
    const feed = () => fetch(`${server.baseURL}/access/whoami.json?page=${pid('internal')}&token=${token}`);
    expect((await feed()).status).toBe(200);
    expect((await api('viewerToken.revokeAny', { token_id: id })).status).toBe(200);
    expect((await feed()).status).toBe(401);
  });

  it('a viewer admitted by IP only gets no token (tokens belong to an address)', async () => {
    const res = await browser('198.51.100.7').postForm(`${server.baseURL}/access/tokens`, { _action: 'create', name: 'x' }, server.baseURL);
    expect(res.status).toBe(403);
  });
});

describe('audience page', () => {
  it.each([
    ['x@globex.example', ['Globex'], [1, 2]],
    ['y@initech.example', ['Initech'], [3]],
  ])('%s sees their groups and components', async (email, groups, components) => {
    const b = browser();
    await signInByEmail(b, 'customers', email);
    expect((await (await whoami(b, 'customers')).json()).viewer).toMatchObject({ audienceGroups: groups, componentIds: components });
  });

  it('a signed-in viewer in no group is refused; a session of one page does not open another', async () => {
    const b = browser();
    await signInByEmail(b, 'customers', 'z@nobody.example');
    expect((await whoami(b, 'customers')).status).toBe(303);
    const c = browser();
    await signInByEmail(c, 'customers', 'w@globex.example');
    expect((await whoami(c, 'internal')).status).toBe(303);
  });
});

describe('viewer sessions', () => {
  it('are not operator sessions, expire when idle, rotate their token, and end at sign-out', async () => {
    const b = browser();
    await signInByEmail(b, 'internal', 'sess@acme.example');
    expect((await b.request(`${server.baseURL}/admin`)).status).toBe(303);
    const first = b.cookie(host(), 'sp_viewer')!;
    sql("UPDATE viewer_sessions SET token_issued_at = token_issued_at - 7200000 WHERE email = 'sess@acme.example'");
    const rotated = await whoami(b, 'internal');
    expect(rotated.status).toBe(200);
    const second = b.cookie(host(), 'sp_viewer')!;
    expect(second).not.toBe(first);
    const old = await fetch(`${server.baseURL}/access/whoami?page=${pid('internal')}`, { redirect: 'manual', headers: { cookie: `sp_viewer=${first}` } });
    expect(old.status).toBe(303);
    expect((await whoami(b, 'internal')).status).toBe(200);
    expect((await b.postForm(`${server.baseURL}/access/sign-out`, {}, server.baseURL)).status).toBe(303);
    expect((await fetch(`${server.baseURL}/access/whoami?page=${pid('internal')}`, { redirect: 'manual', headers: { cookie: `sp_viewer=${second}` } })).status).toBe(303);
    const c = browser();
    await signInByEmail(c, 'internal', 'idle@acme.example');
    sql("UPDATE viewer_sessions SET expires_at = 1 WHERE email = 'idle@acme.example'");
    expect((await whoami(c, 'internal')).status).toBe(303);
  });
});

describe('configuration through the API (admin verb)', () => {
  it('never shows the client secret back, in the answer or the audit log', async () => {
    const res = await api('viewerAccess.configure', { page_id: pid('sso-only'), oidc_issuer: 'https://login.example.com', oidc_client_id: 'abc', oidc_client_secret: 'very-secret-value', oidc_allowed_domains: ['example.com'] });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain('very-secret-value');
    expect(JSON.parse(body)).toMatchObject({ oidc_secret_set: true, oidc: { issuer: 'https://login.example.com', client_id: 'abc' } });
    // a blank secret keeps the stored one
    const again = await api('viewerAccess.configure', { page_id: pid('sso-only'), oidc_issuer: 'https://login.example.com', oidc_client_id: 'abc', oidc_allowed_domains: ['example.com'] });
    expect(await again.json()).toMatchObject({ oidc_secret_set: true });
    expect(sql<{ oidc_client_secret: string }>('SELECT oidc_client_secret FROM viewer_access_pages WHERE page_id = ?', pid('sso-only'))).toEqual([{ oidc_client_secret: 'very-secret-value' }]);
    expect(sql("SELECT 1 FROM audit_log WHERE action = 'viewerAccess.configure' AND (after LIKE '%very-secret%' OR before LIKE '%very-secret%')")).toEqual([]);
  });

  it.each([
    [{ page_id: 'p', ip_allowlist: ['10.0.0.0/33'] }, 'ip_allowlist.0'],
    [{ page_id: 'p', email_domains: ['not a domain'] }, 'email_domains.0'],
    [{ page_id: 'p', oidc_issuer: 'https://x.example' }, 'oidc_client_id'],
    [{ page_id: 'Bad Id' }, 'page_id'],
    [{ page_id: 'p', audience_groups: '[{' }, 'audience_groups'],
    [{ page_id: '999', email_domains: ['acme.example'] }, 'page_id'],
    [{ page_id: '1', email_domains: ['acme.example'] }, 'page_id'],
  ])('refuses %j with a field message and writes nothing', async (input, field) => {
    const res = await api('viewerAccess.configure', input);
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields[field]).toBeTruthy();
    expect(sql("SELECT 1 FROM viewer_access_pages WHERE page_id IN ('p', 'Bad Id', '999', '1')")).toEqual([]);
  });
});

describe('the admin page', () => {
  const adminPost = (cookie: string, fields: Record<string, string>) =>
    fetch(`${server.baseURL}/admin/viewer-access?page=${pid('internal')}`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

  it('shows the stored access without the secret, keeps what was typed next to the error, and saves', async () => {
    const cookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password 1');
    const html = await (await fetch(`${server.baseURL}/admin/viewer-access?page=${pid('internal')}`, { headers: { cookie } })).text();
    expect(html).toContain('198.51.100.0/24');
    // the page is chosen among the private and audience pages, never typed; public pages are not offered
    expect(html).toMatch(new RegExp(`<option value="${pid('internal')}" selected[^>]*>Page internal \\(private\\)`));
    expect(html).toContain(`<option value="${pid('customers')}">Page customers (audience)`);
    expect(html).not.toContain('<option value="1"');
    expect(html).toContain('set; leave blank to keep it');
    expect(html).not.toContain(idp.clientSecret);
    const bad = await adminPost(cookie, { _action: 'configure', page_id: pid('internal'), ip_allowlist: '10.0.0.0/8\n10.0.0.0/99', email_domains: 'acme.example' });
    expect(bad.status).toBe(422);
    const shown = await bad.text();
    expect(shown).toMatch(/id="ip_allowlist\.1-error">[^<]*10\.0\.0\.0\/99/);
    expect(shown).toContain('10.0.0.0/8\n10.0.0.0/99');
    expect(sql<{ n: number }>("SELECT COUNT(*) AS n FROM viewer_access_pages WHERE config LIKE '%10.0.0.0/8%'")).toEqual([{ n: 0 }]);
    const good = await adminPost(cookie, { _action: 'configure', page_id: pid('lab'), ip_allowlist: '10.0.0.0/8' });
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`/admin/viewer-access?page=${pid('lab')}&notice=saved`);
    expect((await whoami(browser('10.1.2.3'), 'lab')).status).toBe(200);
  });

  it('is for admins only', async () => {
    const cookie = await signInCookie(server.baseURL, 'editor@example.com', 'editor password 1');
    expect((await fetch(`${server.baseURL}/admin/viewer-access?page=${pid('internal')}`, { headers: { cookie } })).status).toBe(403);
    expect((await adminPost(cookie, { _action: 'configure', page_id: pid('internal') })).status).toBe(403);
  });
});

describe('a second server: https SITE_URL, VIEWER_OIDC_ALLOW_PRIVATE_ISSUERS off', () => {
  it('marks the viewer cookie Secure, and refuses the loopback issuer with a 502 page, not a 500', async () => {
    const secure = await startServer({ dbPath, env: { SITE_URL: 'https://secure.test', TRUST_PROXY: '1', SMTP_URL: sink.url, MAIL_FROM: 'Status <status@example.com>', LOG_LEVEL: 'warn' } });
    try {
      const b = new CookieBrowser({ headers: { 'x-forwarded-for': '192.0.2.250' } });
      const asked = await b.postForm(`${secure.baseURL}/access/sign-in?page=${pid('internal')}`, { _action: 'email', email: 'tls@acme.example' }, secure.baseURL);
      expect(asked.status).toBe(303);
      await sink.waitFor(() => sink.to('tls@acme.example').length > 0, 'the link over https');
      const link = linkIn(sink.to('tls@acme.example')[0], '/access/link', secure.baseURL);
      const res = await b.postForm(link, { _action: 'sign-in' }, secure.baseURL);
      expect(res.status).toBe(303);
      expect(res.headers.getSetCookie().find((c) => c.startsWith('sp_viewer='))).toMatch(/;\s*Secure/i);
      const sso = await b.request(`${secure.baseURL}/access/oidc/start?page=${pid('internal')}`);
      expect(sso.status).toBe(502);
      expect(await sso.text()).toMatch(/must be an https/);
      const configured = await fetch(`${secure.baseURL}/api/v1/verbs/viewerAccess.configure`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ page_id: pid('loopback-tls'), oidc_issuer: 'https://127.0.0.1:9', oidc_client_id: 'x', oidc_client_secret: 'y', oidc_allowed_domains: ['acme.example'] }),
      });
      expect(configured.status).toBe(200);
      const loopback = await b.request(`${secure.baseURL}/access/oidc/start?page=${pid('loopback-tls')}`);
      expect(loopback.status).toBe(502);
      expect(await loopback.text()).toMatch(/private or loopback/);
    } finally {
      await secure.stop();
    }
  });
});
