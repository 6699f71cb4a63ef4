import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, slaMonths } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import { seedSlaHistory, SLA_MONTH } from '../../testing/sla-fixture';
import type { Db } from '../db';
import { ForbiddenError } from '../errors';
import { getSettings } from '../queries/settings';
import { freezeSlaMonth, getSlaReport } from './sla';
import { parseTiers } from '../../domain/credit-tiers';
import { SlaSettings as SlaSettingsForm, SlaSettingsPatch } from '../features/settings/schemas';
import { saveSlaSettings, slaSettingsValues } from './sla-settings';
import { actorFor } from './actor';
import { userActor } from './actor';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const ADMIN = userActor({ id: 1, email: 'admin@example.com', role: 'admin' });
let db: Db;
beforeEach(() => {
  db = freshDb();
});

const form = (over: Record<string, string> = {}) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ ...slaSettingsValues(getSettings(db)), ...over })) if (v !== '') fd.set(k, v);
  return Object.fromEntries(fd.entries());
};

describe('parseTiers', () => {
  it.each([
    ['99.95, 99.9, 15\n99.9, 0, 25', [{ below: 99.95, atLeast: 99.9, creditPercent: 15 }, { below: 99.9, atLeast: 0, creditPercent: 25 }]],
    ['  99.99 99.9 10  \n\n', [{ below: 99.99, atLeast: 99.9, creditPercent: 10 }]],
    ['', []],
    ['99.95, 99.9', 'Line 1: write three numbers: below, at least, credit %.'],
    ['99.9, 99.95, 10', 'Line 1: "at least" must be below "below", both between 0 and 100.'],
    ['99.95, 99.9, 150', 'Line 1: the credit must be between 0 and 100 %.'],
  ])('%j', (text, expected) => expect(parseTiers(text)).toEqual(expected));
});

describe('SlaSettingsForm', () => {
  it('accepts the current values and rejects a bad zone and allowance next to their fields', () => {
    expect(SlaSettingsForm.safeParse(form()).success).toBe(true);
    const r = SlaSettingsForm.safeParse(form({ time_zone: 'Mars/Olympus', maintenance_allowance: '-1' }));
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(fields).toMatchObject({ time_zone: 'Use an IANA time zone such as UTC or Europe/Berlin.', maintenance_allowance: 'Cannot be negative.' });
  });
});

describe('the form and the JSON API share one set of rules', () => {
  it.each([
    [[99.9, 99.95, 10], '"at least" must be below "below", both between 0 and 100.'],
    [[99.95, 99.9, 150], 'the credit must be between 0 and 100 %.'],
    [[101, 99, 10], '"at least" must be below "below", both between 0 and 100.'],
  ])('tier %j', ([below, atLeast, credit], message) => {
    const f = SlaSettingsForm.safeParse(form({ credit_tiers: `${below}, ${atLeast}, ${credit}` }));
    expect(f.error?.issues.map((i) => i.message)).toEqual([`Line 1: ${message}`]);
    const j = SlaSettingsPatch.safeParse({ credit_tiers: [{ below, at_least: atLeast, credit_percent: credit }] });
    expect(j.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it.each([
    ['first_critical', '0', { first_response_targets: { critical: 0, major: 30, minor: 60 } }, 'At least 1 minute.'],
    ['maintenance_allowance', '-1', { maintenance_allowance_minutes: -1 }, 'Cannot be negative.'],
    ['time_zone', 'Mars/Olympus', { time_zone: 'Mars/Olympus' }, 'Use an IANA time zone such as UTC or Europe/Berlin.'],
  ])('%s', (field, formValue, json, message) => {
    expect(SlaSettingsForm.safeParse(form({ [field]: formValue })).error?.issues.map((i) => i.message)).toEqual([message]);
    expect(SlaSettingsPatch.safeParse(json).error?.issues.map((i) => i.message)).toEqual([message]);
  });
});

describe('saveSlaSettings', () => {
  it('is for admins only', () => {
    const input = SlaSettingsForm.parse(form());
    expect(() => saveSlaSettings(db, input, { ...ADMIN, role: 'editor' }, NOW)).toThrow(ForbiddenError);
  });

  it('is refused to a write key (editor rights) like to an editor: no key type is let through', () => {
    const writeKey = actorFor({ user: null, apiKey: { id: 1, name: 'bot', scope: 'write', holder: { kind: 'console' } }, ip: null });
    expect(() => saveSlaSettings(db, SlaSettingsForm.parse(form()), writeKey, NOW)).toThrow(ForbiddenError);
  });

  it('saves with an audit entry; a zone change recomputes frozen months in the new calendar', () => {
    seedSlaHistory(db, NOW);
    freezeSlaMonth(db, SLA_MONTH, NOW);
    expect(db.select().from(slaMonths).all()).toHaveLength(3);
    saveSlaSettings(db, SlaSettingsForm.parse(form({ maintenance_allowance: '30' })), ADMIN, NOW);
    expect(db.select().from(slaMonths).all()).toHaveLength(3); // policy changes do not touch frozen months
    saveSlaSettings(db, SlaSettingsForm.parse(form({ time_zone: 'Asia/Tokyo' })), ADMIN, NOW);
    expect(db.select().from(slaMonths).all()).toHaveLength(0);
    expect(getSettings(db)).toMatchObject({ slaTimeZone: 'Asia/Tokyo', maintenanceAllowanceMinutes: 30 });
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'settings.sla')).all()).toHaveLength(2);
    // Tokyo is UTC+9: its September starts Aug 31 15:00 UTC, so the Sep 30 23:50 UTC outage (Oct 1 08:50 JST) is October's.
    const api = getSlaReport(db, SLA_MONTH, NOW).rows.find((r) => r.component.slug === 'api')!.figures;
    expect(api).toMatchObject({ minutesInMonth: 43_200, downtimeMinutes: 60, maintenanceAllowanceMinutes: 30, maintenanceOverrun: false });
  });
});
