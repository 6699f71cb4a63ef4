/** The admin monitor form: flat fields → MonitorInput (the service validates the config itself). */
import { z } from 'zod';
import { MONITOR_TYPES } from '../../../domain/enums';
import type { MonitorInput } from '../../services/monitors';
import { flag, id } from '../fields';

const int = (label: string) => z.string().trim().regex(/^\d+$/, `${label} must be a whole number.`).transform(Number);
const optInt = (label: string) => z.string().trim().regex(/^\d*$/, `${label} must be a whole number.`).transform((v) => (v === '' ? null : Number(v)));

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

const MonitorFields = z.object({
  component_id: int('Component'),
  name: z.string().trim().min(1, 'Enter a name.').max(100),
  type: z.enum(MONITOR_TYPES, 'Choose HTTP or TCP.'),
  url: z.string().trim().default(''),
  method: z.string().default('GET'),
  expected_status: z.string().trim().default('200-399'),
  keyword: z.string().default(''),
  keyword_absent: flag,
  headers: z.string().default(''),
  follow_redirects: flag,
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

type Fields = z.output<typeof MonitorFields>;

function toInput(f: Fields, ctx: z.RefinementCtx): MonitorInput {
  const headers = parseHeaders(f.headers);
  if (typeof headers === 'string') {
    ctx.addIssue({ code: 'custom', path: ['headers'], message: headers });
    return z.NEVER;
  }
  const config =
    f.type === 'http'
      ? { url: f.url, method: f.method, expectedStatus: f.expected_status, keyword: f.keyword || null, keywordAbsent: f.keyword_absent, headers, degradedMs: f.degraded_ms, followRedirects: f.follow_redirects, maxRedirects: f.max_redirects, certExpiryDays: f.cert_expiry_days }
      : { host: f.host, port: f.port ?? 0, degradedMs: f.degraded_ms };
  return { componentId: f.component_id, name: f.name, type: f.type, config, intervalS: f.interval_s, timeoutMs: f.timeout_ms, failThreshold: f.fail_threshold, recoverThreshold: f.recover_threshold };
}

/** The whole form as a MonitorInput. */
export const MonitorCreate = MonitorFields.transform(toInput);

export const MonitorEdit = MonitorFields.extend({ monitor_id: id }).transform((f, ctx) => ({ monitorId: f.monitor_id, input: toInput(f, ctx) }));

export const MonitorRef = z.object({ monitor_id: id });

export const MonitorPause = z.object({ monitor_id: id, paused: flag });

/** Config keys (as the service reports them) → form field names. */
export const FIELD_OF: Record<string, string> = { expectedStatus: 'expected_status', degradedMs: 'degraded_ms', keywordAbsent: 'keyword_absent', maxRedirects: 'max_redirects', certExpiryDays: 'cert_expiry_days', followRedirects: 'follow_redirects' };
