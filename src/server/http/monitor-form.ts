/** The admin monitor form: flat fields ⇄ MonitorInput, with field names shared by errors and inputs. */
import { z } from 'zod';
import { MONITOR_TYPES } from '../../domain/enums';
import type { Actor } from '../services/actor';
import type { MonitorRow } from '../services/monitoring';
import type { MonitorInput } from '../services/monitors';
import type { SessionUser } from '../auth/sessions';
import { AppError } from '../errors';
import { formValues, type FormState } from './forms';

const int = (label: string) => z.string().trim().regex(/^\d+$/, `${label} must be a whole number.`).transform(Number);
const optInt = (label: string) => z.string().trim().regex(/^\d*$/, `${label} must be a whole number.`).transform((v) => (v === '' ? null : Number(v)));

const MonitorForm = z.object({
  component_id: int('Component'),
  name: z.string().trim().min(1, 'Enter a name.').max(100),
  type: z.enum(MONITOR_TYPES, 'Choose HTTP or TCP.'),
  url: z.string().trim().default(''),
  method: z.string().default('GET'),
  expected_status: z.string().trim().default('200-399'),
  keyword: z.string().default(''),
  keyword_absent: z.string().optional(),
  headers: z.string().default(''),
  follow_redirects: z.string().optional(),
  max_redirects: int('Redirect limit').default(5),
  cert_expiry_days: int('Certificate warning').default(14),
  host: z.string().trim().default(''),
  port: optInt('Port').default(null),
  degraded_ms: optInt('Slow threshold').default(null),
  interval_s: int('Interval').default(60),
  timeout_ms: int('Timeout').default(10000),
  fail_threshold: int('Failures to go down').default(3),
  recover_threshold: int('Successes to recover').default(2),
});

/** "Name: value" lines → a header record; returns an error message for a malformed line. */
function parseHeaders(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const i = line.indexOf(':');
    if (i <= 0) return `Write each header as "Name: value" (line "${line.trim().slice(0, 40)}").`;
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

/** Config keys (as the service reports them) → form field names. */
const FIELD_OF: Record<string, string> = { expectedStatus: 'expected_status', degradedMs: 'degraded_ms', keywordAbsent: 'keyword_absent', maxRedirects: 'max_redirects', certExpiryDays: 'cert_expiry_days', followRedirects: 'follow_redirects' };

/** Parses the posted form into a MonitorInput or field errors next to what was typed. */
export function parseMonitorForm(fd: FormData): FormState<MonitorInput> {
  const values = formValues(fd);
  const r = MonitorForm.safeParse(values);
  const fail = (errors: Record<string, string>): FormState<MonitorInput> => ({ values, errors, formError: 'Please correct the fields marked below.', data: null });
  if (!r.success) {
    const errors: Record<string, string> = {};
    for (const i of r.error.issues) errors[String(i.path[0])] ??= i.message;
    return fail(errors);
  }
  const f = r.data;
  const headers = parseHeaders(f.headers);
  if (typeof headers === 'string') return fail({ headers });
  const config =
    f.type === 'http'
      ? { url: f.url, method: f.method, expectedStatus: f.expected_status, keyword: f.keyword || null, keywordAbsent: f.keyword_absent === 'on', headers, degradedMs: f.degraded_ms, followRedirects: f.follow_redirects === 'on', maxRedirects: f.max_redirects, certExpiryDays: f.cert_expiry_days }
      : { host: f.host, port: f.port ?? 0, degradedMs: f.degraded_ms };
  const data: MonitorInput = { componentId: f.component_id, name: f.name, type: f.type, config, intervalS: f.interval_s, timeoutMs: f.timeout_ms, failThreshold: f.fail_threshold, recoverThreshold: f.recover_threshold };
  return { values, errors: {}, formError: null, data };
}

/** A service error as form messages, with config keys renamed to their fields. */
export function monitorFormFailure(state: FormState<MonitorInput>, err: unknown): FormState<MonitorInput> {
  if (!(err instanceof AppError) || err.status >= 500) throw err;
  const errors: Record<string, string> = {};
  for (const [k, v] of Object.entries(err.fields ?? {})) errors[FIELD_OF[k] ?? k] = v;
  return { ...state, data: null, errors, formError: err.message };
}

/** The form's values for an existing monitor. */
export function monitorFormValues(m: MonitorRow): Record<string, string> {
  const c = JSON.parse(m.config) as Record<string, unknown>;
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const headers = Object.entries((c.headers as Record<string, string>) ?? {}).map(([k, v]) => `${k}: ${v}`).join('\n');
  return {
    component_id: String(m.componentId), name: m.name, type: m.type,
    url: s(c.url), method: s(c.method ?? 'GET'), expected_status: s(c.expectedStatus ?? '200-399'), keyword: s(c.keyword),
    keyword_absent: c.keywordAbsent ? 'on' : '', headers, follow_redirects: c.followRedirects === false ? '' : 'on',
    max_redirects: s(c.maxRedirects ?? 5), cert_expiry_days: s(c.certExpiryDays ?? 14), host: s(c.host), port: s(c.port), degraded_ms: s(c.degradedMs),
    interval_s: String(m.intervalS), timeout_ms: String(m.timeoutMs), fail_threshold: String(m.failThreshold), recover_threshold: String(m.recoverThreshold),
  };
}

/** Default values for a new monitor. */
export const NEW_MONITOR_VALUES: Record<string, string> = {
  type: 'http', method: 'GET', expected_status: '200-399', follow_redirects: 'on', max_redirects: '5', cert_expiry_days: '14',
  interval_s: '60', timeout_ms: '10000', fail_threshold: '3', recover_threshold: '2',
};

/** The acting operator, for audit entries. */
export function operatorActor(user: SessionUser): Actor {
  return { type: 'user', name: user.email, role: user.role, userId: user.id };
}
