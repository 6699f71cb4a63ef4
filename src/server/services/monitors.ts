/** Monitor administration: named verbs, one transaction each, audited. */
import { eq } from 'drizzle-orm';
import { monitors } from '../../../db/schema';
import type { MonitorType } from '../../domain/enums';
import { DEFAULT_FAIL_THRESHOLD, DEFAULT_RECOVER_THRESHOLD, MIN_MONITOR_INTERVAL_SECONDS, SECONDS_PER_DAY } from '../../domain/constants';
import { INITIAL_FLAP_STATE } from '../../domain/monitor';
import { HttpMonitorConfig, TcpMonitorConfig } from '../../domain/monitor-config';
import { tx, type Db } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { checkHost, checkUrl, targetPolicyOf } from '../net/target-policy';
import { getSettings } from '../queries/settings';
import type { Actor } from './actor';
import { requireComponent } from './components';
import { recordAudit } from './journal';
import { applyMonitorVerdict, type MonitorRow } from './monitoring';

export interface MonitorInput {
  componentId: number;
  name: string;
  type: MonitorType;
  /** Type-specific settings, validated against HttpMonitorConfig / TcpMonitorConfig. */
  config: unknown;
  intervalS?: number;
  timeoutMs?: number;
  failThreshold?: number;
  recoverThreshold?: number;
  paused?: boolean;
}

/** The row as audited: header values (often tokens) are not copied into the audit log. */
function auditView(m: MonitorRow): unknown {
  const config = JSON.parse(m.config) as { headers?: Record<string, string> };
  if (config.headers) config.headers = Object.fromEntries(Object.keys(config.headers).map((k) => [k, '(hidden)']));
  return { ...m, config };
}

export function requireMonitor(db: Db, id: number): MonitorRow {
  const m = db.select().from(monitors).where(eq(monitors.id, id)).get();
  if (!m) throw new NotFoundError(`No monitor ${id}.`);
  return m;
}

/** A target the policy refuses as typed (an address, or a numeric spelling of one); names are checked when probed. */
function refusedTarget(db: Db, type: MonitorType, config: HttpMonitorConfig | TcpMonitorConfig): Record<string, string> {
  const policy = targetPolicyOf(getSettings(db));
  const refused = type === 'http' ? checkUrl(new URL((config as HttpMonitorConfig).url), policy) : checkHost((config as TcpMonitorConfig).host, policy);
  if (!refused) return {};
  return { [type === 'http' ? 'url' : 'host']: `${refused.replace(/^refused/, 'Refused')}.` };
}

function validate(db: Db, input: MonitorInput): Omit<typeof monitors.$inferInsert, 'createdAt' | 'updatedAt'> {
  const fields: Record<string, string> = {};
  if (!input.name.trim()) fields.name = 'Enter a name.';
  const intervalS = input.intervalS ?? 60;
  if (!Number.isInteger(intervalS) || intervalS < MIN_MONITOR_INTERVAL_SECONDS || intervalS > SECONDS_PER_DAY) fields.interval_s = `Use ${MIN_MONITOR_INTERVAL_SECONDS}–${SECONDS_PER_DAY} seconds.`;
  const timeoutMs = input.timeoutMs ?? 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) fields.timeout_ms = 'Use 100–60000 ms.';
  else if (timeoutMs > intervalS * 1000) fields.timeout_ms = 'The timeout must be shorter than the interval.';
  const failThreshold = input.failThreshold ?? DEFAULT_FAIL_THRESHOLD;
  const recoverThreshold = input.recoverThreshold ?? DEFAULT_RECOVER_THRESHOLD;
  if (!Number.isInteger(failThreshold) || failThreshold < 1 || failThreshold > 20) fields.fail_threshold = 'Use 1–20.';
  if (!Number.isInteger(recoverThreshold) || recoverThreshold < 1 || recoverThreshold > 20) fields.recover_threshold = 'Use 1–20.';
  const schema = input.type === 'http' ? HttpMonitorConfig : TcpMonitorConfig;
  const parsed = schema.safeParse(input.config);
  if (!parsed.success) for (const i of parsed.error.issues) fields[String(i.path[0] ?? 'config')] ??= i.message;
  else Object.assign(fields, refusedTarget(db, input.type, parsed.data));
  if (Object.keys(fields).length > 0 || !parsed.success) throw new ValidationError('Please correct the monitor settings.', fields);
  return {
    componentId: input.componentId,
    name: input.name.trim(),
    type: input.type,
    config: JSON.stringify(parsed.data),
    intervalS,
    timeoutMs,
    failThreshold,
    recoverThreshold,
    paused: input.paused ?? false,
  };
}

export function createMonitor(db: Db, input: MonitorInput, actor: Actor, now: number): MonitorRow {
  const values = validate(db, input);
  return tx(db, () => {
    requireComponent(db, input.componentId);
    const m = db
      .insert(monitors)
      .values({ ...values, state: JSON.stringify(INITIAL_FLAP_STATE), createdAt: now, updatedAt: now })
      .returning()
      .get();
    recordAudit(db, now, actor, 'monitor.create', 'monitor', m.id, { after: auditView(m) });
    applyMonitorVerdict(db, m.componentId, now);
    return m;
  });
}

export function updateMonitor(db: Db, id: number, input: MonitorInput, actor: Actor, now: number): MonitorRow {
  const values = validate(db, input);
  return tx(db, () => {
    const before = requireMonitor(db, id);
    requireComponent(db, input.componentId);
    const m = db.update(monitors).set({ ...values, updatedAt: now }).where(eq(monitors.id, id)).returning().get();
    recordAudit(db, now, actor, 'monitor.update', 'monitor', id, { before: auditView(before), after: auditView(m) });
    applyMonitorVerdict(db, before.componentId, now);
    if (before.componentId !== m.componentId) applyMonitorVerdict(db, m.componentId, now);
    return m;
  });
}

/** Pausing takes the monitor out of the component's verdict; resuming starts it from a clean state. */
export function setMonitorPaused(db: Db, id: number, paused: boolean, actor: Actor, now: number): MonitorRow {
  return tx(db, () => {
    const before = requireMonitor(db, id);
    const state = paused ? before.state : JSON.stringify(INITIAL_FLAP_STATE);
    const m = db.update(monitors).set({ paused, state, updatedAt: now }).where(eq(monitors.id, id)).returning().get();
    recordAudit(db, now, actor, paused ? 'monitor.pause' : 'monitor.resume', 'monitor', id, { before: { paused: before.paused }, after: { paused } });
    applyMonitorVerdict(db, m.componentId, now);
    return m;
  });
}

export function deleteMonitor(db: Db, id: number, actor: Actor, now: number): void {
  tx(db, () => {
    const before = requireMonitor(db, id);
    db.delete(monitors).where(eq(monitors.id, id)).run();
    recordAudit(db, now, actor, 'monitor.delete', 'monitor', id, { before: auditView(before) });
    applyMonitorVerdict(db, before.componentId, now);
  });
}
