/** The per-component day cache: reused while nothing changed, rebuilt for exactly what did. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayBarsHtml, dayBarsStats } from '../../domain/day-bars-html';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { type Actor, cliActor } from '../services/actor';
import { createGroup, createComponent } from '../services/components';
import { putSetting } from './settings';
import { createIncident, deleteIncident, editIncident, postUpdate, publishIncident } from '../services/incidents';
import { dayCacheStats } from './day-cache';
import { getComponentDetail, getOverview, type ComponentView, type Overview } from './public';

const OPS: Actor = cliActor('test');
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-10T12:00:00Z');

let db: Db;
beforeEach(() => {
  db = freshDb();
  for (const slug of ['api', 'web', 'db']) createComponent(db, { name: slug.toUpperCase(), slug, startDate: NOW - 100 * DAY }, OPS, NOW - 100 * DAY);
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(path.dirname(db.$client.name), { recursive: true, force: true });
});

const rows = (o: Overview): ComponentView[] => [...o.ungrouped, ...o.groups.flatMap((g) => g.components)];
const bySlug = (o: Overview) => Object.fromEntries(rows(o).map((c) => [c.slug, c]));
/** Renders `/`'s bars the way DayBars.astro does; returns the HTML per slug and how many lists were built. */
function render(now: number): { html: Record<string, string>; built: number; computed: number } {
  const before = { bars: dayBarsStats.built, days: dayCacheStats.built };
  const html = Object.fromEntries(rows(getOverview(db, now)).map((c) => [c.slug, dayBarsHtml(c.days, c.name)]));
  return { html, built: dayBarsStats.built - before.bars, computed: dayCacheStats.built - before.days };
}
const pastOutage = (slug: string, title: string) => {
  const i = createIncident(db, { title, impact: 'major', status: 'investigating', body: 'x', components: { [slug]: 'major_outage' }, startedAt: NOW - 3 * DAY, displayAt: NOW - 3 * DAY }, OPS, NOW);
  postUpdate(db, i.id, { status: 'resolved', body: 'Fixed.', displayAt: NOW - 3 * DAY + 3_600_000 }, OPS, NOW);
  return i;
};

describe('day cache', () => {
  it('reuses every unchanged component and rebuilds only the one whose history changed', () => {
    expect(render(NOW)).toMatchObject({ built: 3, computed: 3 });
    const again = render(NOW + 1000);
    expect(again).toMatchObject({ built: 0, computed: 0 });
    // An incident shows in the tooltips of the components it names: only those are rebuilt.
    pastOutage('api', 'Database failover');
    const next = render(NOW + 2000);
    expect(next.computed).toBe(1);
    expect(next.html.api).toContain('Database failover');
    expect(next.html.api).toContain('Major outage 60 min');
    expect(next.html.web).toBe(again.html.web);
    expect(render(NOW + 3000)).toMatchObject({ built: 0, computed: 0 });
  });

  it('a status change in the past rebuilds only that component', async () => {
    const { declareFrom } = await import('../services/declarations');
    render(NOW);
    // A monitor verdict: recorded as a status change only, so the other components keep their fragments.
    declareFrom(db, bySlug(getOverview(db, NOW)).web.id, 'monitor', 'major_outage', NOW - DAY);
    declareFrom(db, bySlug(getOverview(db, NOW)).web.id, 'monitor', null, NOW - DAY + 600_000);
    const r = render(NOW + 1000);
    expect(r.computed).toBe(1);
    expect(r.html.web).toContain('Major outage 10 min');
    expect(r.html.api).not.toContain('Major outage');
  });

  it('an incident title edit shows in the tooltip on the next render', () => {
    const i = pastOutage('db', 'Old title');
    expect(render(NOW).html.db).toContain('Old title');
    editIncident(db, i.id, { title: 'Disk <full> & slow' }, OPS, NOW);
    const html = render(NOW + 1000).html.db;
    expect(html).toContain('Disk &lt;full&gt; &amp; slow');
    expect(html).not.toContain('Old title');
  });

  it('the next day rolls the window; the component page shares the cache', () => {
    const today = render(NOW).html.api;
    const tomorrow = render(NOW + DAY);
    expect(tomorrow.computed).toBe(3);
    expect(tomorrow.html.api).not.toBe(today);
    expect(tomorrow.html.api).toContain('title="Jun 11, 2026"></li></ol>');
    expect(today).toContain('title="Jun 10, 2026"></li></ol>');
    const before = dayCacheStats.built;
    expect(getComponentDetail(db, 'api', NOW + DAY + 1000)!.component.days).toBe(bySlug(getOverview(db, NOW + DAY + 2000)).api.days);
    expect(dayCacheStats.built).toBe(before);
  });

  it('changes that no day record shows rebuild nothing', () => {
    const first = render(NOW);
    putSetting(db, 'pageName', 'Renamed');
    createGroup(db, { name: 'Region 9' }, OPS, NOW);
    createIncident(db, { title: 'Draft only', impact: 'minor', status: 'investigating', body: 'x', components: { web: 'degraded_performance' }, startedAt: NOW - DAY, draft: true }, OPS, NOW);
    const r = render(NOW + 1000);
    expect(r).toMatchObject({ built: 0, computed: 0 });
    expect(r.html).toEqual(first.html);
  });

  it('publishing or deleting an incident rebuilds exactly the components it names', () => {
    const draft = createIncident(db, { title: 'Was a draft', impact: 'minor', status: 'investigating', body: 'x', components: { web: 'degraded_performance' }, startedAt: NOW - 2 * DAY, draft: true }, OPS, NOW);
    render(NOW);
    publishIncident(db, draft.id, OPS, NOW);
    let r = render(NOW + 1000);
    expect(r.computed).toBe(1);
    expect(r.html.web).toContain('Was a draft');

    const outage = pastOutage('db', 'Short outage');
    expect(render(NOW + 2000).html.db).toContain('Short outage');
    deleteIncident(db, outage.id, OPS, NOW + 2500);
    r = render(NOW + 3000);
    expect(r.html.db).not.toContain('Short outage');
    // db, and web, whose today is still degraded by the published incident and so never cached; never api.
    expect(r.computed).toBe(2);
    expect(r.html.api).toBe(render(NOW + 3500).html.api);
  });

  it('a day still accumulating downtime is never cached', () => {
    createIncident(db, { title: 'Ongoing', impact: 'major', status: 'investigating', body: 'x', components: { api: 'major_outage' }, startedAt: NOW - 3_600_000 }, OPS, NOW);
    render(NOW);
    expect(render(NOW + 30_000).computed).toBe(1);
    expect(render(NOW + 40_000).html.api).toContain('Major outage 61 min');
  });
});
