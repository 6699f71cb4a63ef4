/**
 * Issue 24, wired: a private page's viewers are admitted on the page's own host by the viewer-access gate (IP
 * allowlist, e-mail link through a real SMTP sink, OpenID Connect against a real provider, viewer tokens), and an
 * audience page shows each viewer only their group's components. The private page answers on 127.0.0.1 (so a
 * cookie-keeping browser reaches it) and internal.test; the audience page on customers.test (Host headers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieBrowser } from './cookie-browser';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider';
import { getOn, HOSTS, SECRET, seedPages, type PagesFixture } from './pages-fixture';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { linkIn, startSmtpSink, type SmtpSink } from './smtp-sink';
import { createPage, updatePage } from '../server/features/pages/verbs';
import { createIncident as createIncidentVerb } from '../server/features/incidents/verbs';
import { configureViewerAccess } from '../server/features/viewer-access/verbs';
import { createViewerSession } from '../server/viewer-access/sessions';
import { TEST_ACTOR } from './subscriber-scenario';

const SITE = 'http://status.test';
/** The private page's first host: its links and its OpenID redirect URI name it, without the test's port. */
const PRIVATE_ORIGIN = 'http://127.0.0.1';
let sink: SmtpSink;
let idp: TestOidcProvider;
let server: RunningServer;
let fx: PagesFixture;
let audienceCookie = '';

/** A browser on the private host, seen as coming from `ip` (TRUST_PROXY); page links land on the test server. */
let nextIp = 1;
const browser = (ip = `192.0.2.${nextIp++}`) =>
  new CookieBrowser({ rewrite: (u) => (u.origin === PRIVATE_ORIGIN || u.origin === SITE ? new URL(u.pathname + u.search, server.baseURL) : u), headers: { 'x-forwarded-for': ip } });
const at = (path: string) => `${server.baseURL}${path}`;

async function signInByEmail(b: CookieBrowser, email: string): Promise<string> {
  const before = sink.to(email).length;
  expect((await b.postForm(at('/access/sign-in'), { _action: 'email', email }, server.baseURL)).status).toBe(303);
  await sink.waitFor(() => sink.to(email).length > before, `the sign-in e-mail to ${email}`);
  const mail = sink.to(email).at(-1)!;
  const res = await b.postForm(linkIn(mail, '/access/link', server.baseURL), { _action: 'sign-in' }, server.baseURL);
  expect(res.status).toBe(303);
  return `${mail.subject}\n${mail.text}`;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  idp = await startOidcProvider(`${PRIVATE_ORIGIN}/access/oidc/callback`, {
    alice: { email: 'alice@acme.example', email_verified: true, groups: [] },
    mallory: { email: 'mallory@evil.example', email_verified: true, groups: [] },
  });
  const dbPath = tempDbPath('pages-viewer-');
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    fx = seedPages(db, now);
    const ctx = { db, now, actor: TEST_ACTOR };
    const c = fx.components;
    updatePage(ctx, { page_id: fx.pages.internal, slug: 'internal', name: 'Internal Status', hosts: ['127.0.0.1', HOSTS.internal], visibility: 'private', all_components: false, components: [c.api, c.vault] });
    const customers = createPage(ctx, { slug: 'customers', name: 'Customer Status', hosts: ['customers.test'], visibility: 'audience', components: ['shared-api', 'shop-checkout'] }).id;
    configureViewerAccess(ctx, {
      page_id: String(fx.pages.internal),
      email_domains: 'acme.example',
      ip_allowlist: '198.51.100.0/24',
      oidc_issuer: idp.issuer,
      oidc_client_id: idp.clientId,
      oidc_client_secret: idp.clientSecret,
      oidc_allowed_domains: 'acme.example',
    });
    configureViewerAccess(ctx, { page_id: String(customers), email_domains: ['globex.example'], audience_groups: [{ name: 'Globex', domains: ['globex.example'], component_ids: [c.checkout, c.vault] }] });
    // A signed-in Globex viewer (the sign-in itself is the e-mail flow tested on the private host).
    // Posted to the audience page itself: Globex sees the one about its component only.
    createIncidentVerb(ctx, { name: 'Customers note on checkout', impact: 'none', status: 'investigating', body: 'Seen by Globex.', components: { [c.checkout]: 'operational' }, pages: [customers] });
    createIncidentVerb(ctx, { name: 'Customers note on the API', impact: 'none', status: 'investigating', body: 'Not for Globex.', components: { [c.api]: 'operational' }, pages: [customers] });
    audienceCookie = `sp_viewer=${createViewerSession(db, String(customers), { method: 'email', email: 'x@globex.example', oidcGroups: [] }, now, 3_600_000)}`;
  });
  server = await startServer({ dbPath, env: { SITE_URL: SITE, TRUST_PROXY: '1', SMTP_URL: sink.url, MAIL_FROM: 'Status <status@example.com>', VIEWER_OIDC_ALLOW_PRIVATE_ISSUERS: 'on', LOG_LEVEL: 'warn' } });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await idp?.close();
  await sink?.close();
});

describe('anonymous viewers of the private host', () => {
  it('are sent to the sign-in page, which names the page and offers its methods', async () => {
    const b = browser();
    const res = await b.request(at('/history'));
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const location = res.headers.get('location')!;
    expect(location).toBe('/access/sign-in?next=%2Fhistory');
    const signIn = await b.request(at(location));
    expect(signIn.status).toBe(200);
    const html = await signIn.text();
    expect(html).toContain('Internal Status');
    expect(html).toContain('Sign in with single sign-on');
  });

  it('get 401 JSON on feeds and the API', async () => {
    for (const path of ['/api/v2/summary.json', '/feed.xml', '/maintenance.ics']) {
      const res = await browser().request(at(path));
      expect(res.status, path).toBe(401);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect((await res.json()).error.code).toBe('viewer_token_required');
    }
  });
});

describe('IP allowlist (TRUST_PROXY, X-Forwarded-For)', () => {
  it('admits a listed network to the page and its private component, privately', async () => {
    const res = await getOn(server.port, HOSTS.internal, '/', { 'x-forwarded-for': '198.51.100.7' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body).toContain(SECRET.component);
    const api = await getOn(server.port, HOSTS.internal, '/api/v2/components.json', { 'x-forwarded-for': '198.51.100.7' });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body).components.map((c: { name: string }) => c.name)).toContain(SECRET.component);
  });

  it('refuses another network', async () => {
    expect((await getOn(server.port, HOSTS.internal, '/', { 'x-forwarded-for': '198.51.99.7' })).status).toBe(303);
  });
});

describe('e-mail link', () => {
  it("admits an allowed address: the mail names the page and links to its host, the session sees the page", async () => {
    const b = browser();
    const mail = await signInByEmail(b, 'zoe@acme.example');
    expect(mail).toContain('Sign in to Internal Status');
    expect(mail).toContain(`${PRIVATE_ORIGIN}/access/link?token=`);
    const page = await b.request(at('/'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(SECRET.component);
  });

  it('mails nothing to an address the page does not list, and it stays out', async () => {
    const b = browser();
    expect((await b.postForm(at('/access/sign-in'), { _action: 'email', email: 'eve@evil.example' }, server.baseURL)).status).toBe(303);
    expect((await b.request(at('/'))).status).toBe(303);
    expect(sink.to('eve@evil.example')).toHaveLength(0);
  });
});

describe('OpenID Connect against a real provider, on the page host', () => {
  it('admits an allowed user and lands on the page', async () => {
    const b = browser();
    idp.signInAs('alice');
    const { res, url } = await b.follow(at('/access/oidc/start?next=%2Fhistory'));
    expect(res.status).toBe(200);
    expect(new URL(url).pathname).toBe('/history');
    expect((await b.request(at('/'))).status).toBe(200);
  });

  it('refuses another user', async () => {
    const b = browser();
    idp.signInAs('mallory');
    const { res } = await b.follow(at('/access/oidc/start'));
    expect(res.status).toBe(403);
    expect((await b.request(at('/'))).status).toBe(303);
  });
});

describe('viewer tokens', () => {
  it('read /api/v2/summary.json of the private host, and stop after revocation', async () => {
    const b = browser();
    await signInByEmail(b, 'reader@acme.example');
    const made = await b.postForm(at('/access/tokens'), { _action: 'create', name: 'Dashboard' }, server.baseURL);
    expect(made.status).toBe(200);
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(await made.text())![1];
    const summary = () => getOn(server.port, HOSTS.internal, `/api/v2/summary.json?token=${token}`, { 'x-forwarded-for': '203.0.113.5' });
    const ok = await summary();
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toBe('private, no-store');
    expect(ok.body).toContain(SECRET.component);
    const list = await (await b.request(at('/access/tokens'))).text();
    const id = /name="token_id" value="(\d+)"/.exec(list)![1];
    expect((await b.postForm(at('/access/tokens'), { _action: 'revoke', token_id: id }, server.baseURL)).status).toBe(303);
    expect((await summary()).status).toBe(401);
  });
});

describe('audience page', () => {
  const names = (body: string) => (JSON.parse(body).components as { name: string }[]).map((c) => c.name).sort();

  it('shows a viewer only the page components of their group, on / and /api/v2/components.json', async () => {
    const page = await getOn(server.port, 'customers.test', '/', { cookie: audienceCookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Shop Checkout');
    expect(page.body).not.toContain('Shared API');
    // the group names the vault too, but the page does not show it
    expect(page.body).not.toContain(SECRET.component);
    const api = await getOn(server.port, 'customers.test', '/api/v2/components.json', { cookie: audienceCookie });
    expect(api.status).toBe(200);
    expect(names(api.body)).toEqual(['Shop Checkout']);
    const incidents = await getOn(server.port, 'customers.test', '/api/v2/incidents.json', { cookie: audienceCookie });
    expect(incidents.body).toContain('Checkout declines cards');
    expect(incidents.body).not.toContain('Shared API errors');
    expect(incidents.body).toContain('Customers note on checkout');
    expect(incidents.body).not.toContain('Customers note on the API');
    expect(page.body).not.toContain('Customers note on the API');
  });

  it('scopes the incident pages and the feed the same way', async () => {
    expect((await getOn(server.port, 'customers.test', `/incidents/${fx.incidents.checkout}`, { cookie: audienceCookie })).status).toBe(200);
    expect((await getOn(server.port, 'customers.test', `/incidents/${fx.incidents.api}`, { cookie: audienceCookie })).status).toBe(404);
    const feed = await getOn(server.port, 'customers.test', '/feed.xml', { cookie: audienceCookie });
    expect(feed.status).toBe(200);
    expect(feed.body).toContain('Checkout declines cards');
    expect(feed.body).not.toContain('Shared API errors');
  });

  it('sends anonymous viewers to the sign-in page', async () => {
    const res = await getOn(server.port, 'customers.test', '/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/access\/sign-in\?/);
  });
});
