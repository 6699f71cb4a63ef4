/** The admin monitor form's values: an existing monitor as flat fields, and a new one's defaults (parsing: features/monitors/schemas.ts). */
import type { MonitorRow } from '../services/monitoring';

/** The form's values for an existing monitor. */
export function monitorFormValues(m: MonitorRow): Record<string, string> {
  const c = JSON.parse(m.config) as Record<string, unknown>;
  // Config values are scalars, or number lists whose String() is the comma list the form shows.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
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
