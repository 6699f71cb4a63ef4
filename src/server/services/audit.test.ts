import { asc } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { createComponent, createGroup, deleteComponent, moveComponent, setComponentStatus, updateComponent } from './components';
import { createIncident, deleteIncident, editUpdateBody, postUpdate, publishIncident, savePostmortem, setSlaExclusion } from './incidents';
import { completeMaintenanceNow, createMaintenance, extendMaintenance, startMaintenanceNow } from './maintenance';
import { updateSettings } from './settings';
import { createTemplate, deleteTemplate } from './templates';
import { authenticateApiKey, createApiKey, createUser, revokeApiKey, setPassword, updateUser } from './users';
import { userActor, type Actor } from './actor';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12);
let OP: Actor;
let db: Db;

beforeAll(() => {
  db = freshDb();
  // the operator exists (keys they create are theirs); inserted directly so the audit log holds only what the test does
  const ops = db.insert(users).values({ email: 'ops@example.com', role: 'editor', passwordHash: 'x' }).returning().get();
  OP = userActor(ops, '192.0.2.7');
});

describe('API keys', () => {
  it('are shown once, stored hashed, authenticate, stamp last use, and stop working when revoked', () => {
    const { key, row } = createApiKey(db, 'alertmanager', OP, NOW);
    expect(key).toMatch(/^sp_/);
    expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain(key);
    expect(row.keyHash).not.toContain(key.slice(3));
    expect(authenticateApiKey(db, key, NOW + 1000)?.name).toBe('alertmanager');
    expect(authenticateApiKey(db, key, NOW + 120_000)?.lastUsedAt).toBe(NOW + 1000);
    expect(authenticateApiKey(db, `${key}x`, NOW)).toBeNull();
    expect(() => createApiKey(db, 'alertmanager', OP, NOW)).toThrow(/exists/);
    revokeApiKey(db, 'alertmanager', OP, NOW + 2000);
    expect(authenticateApiKey(db, key, NOW + 3000)).toBeNull();
    expect(createApiKey(db, 'alertmanager', OP, NOW + 4000).key).not.toBe(key);
  });
});

describe('audit log', () => {
  it('records who, when, what (before/after) and from which IP for every kind of change', () => {
    const g = createGroup(db, { name: 'Core' }, OP, NOW);
    const c = createComponent(db, { name: 'API', groupId: g.id, startDate: NOW - 48 * HOUR }, OP, NOW);
    const c2 = createComponent(db, { name: 'Web', groupId: g.id }, OP, NOW);
    updateComponent(db, c.id, { target: 99.95 }, OP, NOW);
    moveComponent(db, c2.id, 'up', OP, NOW);
    setComponentStatus(db, c2.id, 'degraded_performance', OP, NOW);
    const inc = createIncident(db, { title: 'Down', impact: 'major', status: 'investigating', body: 'Looking', components: { [c.id]: 'major_outage' }, startedAt: NOW - 2 * HOUR, displayAt: NOW - HOUR }, OP, NOW);
    const u = postUpdate(db, inc.id, { status: 'resolved', body: 'Fixd' }, OP, NOW + 1000);
    editUpdateBody(db, u.id, 'Fixed', OP, NOW + 2000);
    postUpdate(db, inc.id, { status: 'investigating', body: 'Back again' }, OP, NOW + 3000);
    savePostmortem(db, inc.id, '# Why', true, OP, NOW + 4000);
    setSlaExclusion(db, inc.id, true, 'Customer caused', OP, NOW + 5000);
    deleteIncident(db, inc.id, OP, NOW + 6000);
    const draft = createIncident(db, { title: 'Monitor saw errors', impact: 'minor', status: 'investigating', body: 'Auto', components: { [c.id]: 'major_outage' }, draft: true }, OP, NOW);
    publishIncident(db, draft.id, OP, NOW + 7000);
    const m = createMaintenance(db, { title: 'Upgrade', body: '', scheduledFor: NOW + HOUR, scheduledUntil: NOW + 2 * HOUR, components: [c.id] }, OP, NOW);
    extendMaintenance(db, m.id, NOW + 3 * HOUR, OP, NOW);
    startMaintenanceNow(db, m.id, OP, NOW + 10);
    completeMaintenanceNow(db, m.id, OP, NOW + 20);
    const t = createTemplate(db, { name: 'DB', title: 'DB slow', body: 'x', impact: 'minor' }, OP, NOW);
    deleteTemplate(db, t.id, OP, NOW);
    const user = createUser(db, { email: 'ed@example.com', password: 'long enough pw', role: 'editor' }, OP, NOW);
    createUser(db, { email: 'root@example.com', password: 'long enough pw', role: 'admin' }, OP, NOW);
    updateUser(db, user.id, { role: 'admin' }, OP, NOW);
    setPassword(db, user.id, 'another long pw', OP, NOW);
    updateSettings(db, { pageName: 'Acme' }, OP, NOW);
    deleteComponent(db, c2.id, OP, NOW);

    const rows = db.select().from(auditLog).orderBy(asc(auditLog.id)).all();
    const actions = rows.map((r) => r.action);
    for (const a of [
      'group.create', 'component.create', 'component.update', 'component.move', 'component.status', 'incident.create', 'incident.update',
      'incident_update.edit', 'incident.reopen', 'incident.publish', 'postmortem.publish', 'incident.sla_exclusion', 'incident.delete', 'maintenance.create',
      'maintenance.extend', 'maintenance.start', 'maintenance.complete', 'template.create', 'template.delete', 'user.create', 'user.update',
      'user.reset_password', 'settings.update', 'component.delete',
    ]) {
      expect(actions, a).toContain(a);
    }
    const mine = rows.filter((r) => r.action !== 'apikey.create' && r.action !== 'apikey.revoke');
    expect(mine.every((r) => r.actorName === 'ops@example.com' && r.ip === '192.0.2.7' && r.at >= NOW)).toBe(true);
    const edit = rows.find((r) => r.action === 'incident_update.edit')!;
    expect(JSON.parse(edit.before!)).toEqual({ body: 'Fixd' });
    expect(JSON.parse(edit.after!)).toEqual({ body: 'Fixed' });
    expect(rows.find((r) => r.action === 'incident.create')!.note).toBe('backfilled');
    expect(JSON.parse(rows.find((r) => r.action === 'settings.update')!.after!)).toEqual({ pageName: 'Acme' });
    expect(JSON.parse(rows.find((r) => r.action === 'incident.delete')!.before!).title).toBe('Down');
  });
});
