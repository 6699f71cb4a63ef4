/**
 * Issue 25: wherever an operator sees or sets a status, the admin shows the status with its source (incident,
 * hand-set, monitor, maintenance), offers "Automatic" only where monitors exist, warns about a leftover hand-set
 * outage on /admin and on the component, and the resolve form says what resolving will do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInCookie } from '../../../testing/http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../../testing/server-harness';
import { cliActor } from '../../services/actor';
import { createComponent, setComponentStatus } from '../../services/components';
import { createIncident } from '../../services/incidents';
import { createMaintenance, startMaintenanceNow } from '../../services/maintenance';
import { recordCheck } from '../../services/monitoring';
import { createMonitor } from '../../services/monitors';
import { createUser } from '../../services/users';

const actor = cliActor('test');
let server: RunningServer;
let cookie: string;
const ids: Record<string, number> = {};
let incidentId = 0;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    const now = Date.now() - 60_000;
    createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, actor, now);
    for (const name of ['API', 'Search', 'Docs', 'Billing', 'Web']) ids[name] = createComponent(db, { name }, actor, now).id;
    incidentId = createIncident(db, { title: 'API down', impact: 'critical', status: 'investigating', body: 'Looking.', components: { [ids.API]: 'major_outage' } }, actor, now).id;
    setComponentStatus(db, ids.API, 'partial_outage', actor, now + 1000); // hidden under the incident's major outage
    const monitor = createMonitor(db, { componentId: ids.Search, name: 'search-health', type: 'tcp', config: { host: '127.0.0.1', port: 9 }, failThreshold: 1, recoverThreshold: 1 }, actor, now);
    recordCheck(db, monitor.id, { at: now + 1000, ok: false, latencyMs: null, statusCode: null, error: 'refused', certExpiresAt: null }, now + 1000);
    const m = createMaintenance(db, { title: 'Docs move', body: 'Moving.', scheduledFor: now + 3_600_000, scheduledUntil: now + 7_200_000, components: [ids.Docs] }, actor, now);
    startMaintenanceNow(db, m.id, actor, now + 1000);
    setComponentStatus(db, ids.Billing, 'degraded_performance', actor, now + 1000); // a leftover: no incident behind it
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', MONITORS: 'off' } });
  cookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password');
});
afterAll(() => server?.stop());

const page = async (path: string) => (await fetch(`${server.baseURL}${path}`, { headers: { cookie } })).text();
const post = (path: string, fields: Record<string, string>) =>
  fetch(`${server.baseURL}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
const sourceOf = (html: string, id: number) => new RegExp(`data-source-of="${id}"[^>]*>— ([^<]*)<`).exec(html)?.[1];
/** The <select> of one component's status form. */
const selectOf = (html: string, id: number) => html.split(`id="st-${id}"`)[1]?.split('</select>')[0] ?? '';

describe('the components admin names each status\'s source', () => {
  it.each([
    ['API', () => `incident #${incidentId}`],
    ['Search', () => 'monitor search-health'],
    ['Docs', () => 'maintenance #1'],
    ['Billing', () => expect.stringMatching(/^set by hand \w{3} \d+, \d{4}, \d\d:\d\d UTC$/)],
    ['Web', () => 'nothing declared'],
  ])('%s', async (name, why) => {
    expect(sourceOf(await page('/admin/components'), ids[name])).toEqual(why());
  });

  it('names the hand-set status an incident hides', async () => {
    const html = await page('/admin/components');
    const row = html.split(`data-source-of="${ids.API}"`)[1].split('</td>')[0];
    expect(row).toMatch(/Not shown: Partial outage — set by hand/);
  });

  it('offers "Automatic" only where monitors exist', async () => {
    const html = await page('/admin/components');
    expect(selectOf(html, ids.Search)).toContain('Automatic (follow monitors)');
    for (const name of ['API', 'Docs', 'Billing', 'Web']) {
      expect(selectOf(html, ids[name]), name).not.toContain('Automatic');
      expect(selectOf(html, ids[name]), name).toContain('Nothing set by hand');
    }
  });

  it('offers to post as an update of the open incident, by default, only on the affected component', async () => {
    const html = await page('/admin/components');
    const apiForm = html.split(`id="st-${ids.API}"`)[1].split('</form>')[0];
    expect(apiForm).toMatch(new RegExp(`<input type="radio" name="incident_id" value="${incidentId}" checked`));
    expect(html.split(`id="st-${ids.Web}"`)[1].split('</form>')[0]).not.toContain('incident_id');
  });

  it('the monitor page shows the component\'s status with its source', async () => {
    expect(await page('/admin/monitors/1')).toMatch(/id="component-status">Major outage — monitor search-health</);
  });
});

describe('a leftover hand-set status', () => {
  it('warns on /admin, on the components list and on the component', async () => {
    for (const path of ['/admin', '/admin/components', `/admin/components/${ids.Billing}`]) {
      const html = await page(path);
      expect(html, path).toContain(`data-leftover="${ids.Billing}"`);
      expect(html, path).toMatch(/Billing<\/a> shows Degraded performance, set by hand, and no open incident affects it/);
      expect(html, path).not.toContain(`data-leftover="${ids.API}"`);
    }
  });
});

describe('the resolve form', () => {
  it('preselects no status and says what resolving does, with a choice to keep the hand-set one', async () => {
    const html = await page(`/admin/incidents/${incidentId}`);
    expect(html.split(`name="component_${ids.API}"`)[1].split('</select>')[0]).not.toContain('selected');
    const preview = html.split('id="resolve-preview"')[1].split('</fieldset>')[0];
    expect(preview.replace(/<[^>]+>/g, '')).toMatch(/API: Major outage → Operational \(its hand-set Partial outage from .* ends too\)/);
    expect(preview).toContain(`name="keep_manual" value="${ids.API}"`);
  });

  it('a refused resolve keeps the "keep" ticked', async () => {
    const r = await post(`/admin/incidents/${incidentId}`, { _action: 'update', status: 'resolved', body: '', keep_manual: String(ids.API) });
    expect(r.status).toBe(422);
    expect((await r.text()).split('id="resolve-preview"')[1]).toMatch(new RegExp(`value="${ids.API}" checked`));
  });
});

describe('setting a status from the components page', () => {
  it('a refused "as an update" keeps what was typed and says why beside the form', async () => {
    const r = await post('/admin/components', { _action: 'status', component_id: String(ids.API), status: '', incident_id: String(incidentId), body: 'Typed text' });
    expect(r.status).toBe(422);
    const form = (await r.text()).split(`id="st-${ids.API}"`)[1].split('</form>')[0];
    expect(form).toContain('value="Typed text"');
    expect(form).toMatch(/class="field-error" role="alert">An incident update needs a status/);
  });

  it('the default posts it on the incident\'s timeline, and the row then names the incident as the source', async () => {
    const r = await post('/admin/components', { _action: 'status', component_id: String(ids.API), status: 'degraded_performance', incident_id: String(incidentId), body: '' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/admin/components?ok=status-posted&ref=${incidentId}`);
    expect(await page(`/incidents/${incidentId}`)).toContain('API: Degraded performance.');
    const html = await page('/admin/components');
    // The hand-set Partial outage is now the worse one: it shows, and the incident's Degraded is named as not shown.
    expect(sourceOf(html, ids.API)).toMatch(/^set by hand/);
    expect(html.split(`data-source-of="${ids.API}"`)[1].split('</td>')[0]).toContain(`Not shown: Degraded performance — incident #${incidentId}`);
  });
});
