/** Wall-clock times in an IANA zone ↔ UTC, with Intl only (no I/O, no tz database of our own). */
// Decision: docs/decisions/002-times-stored-in-utc.md

/** True for a zone name Intl knows (e.g. "Europe/Berlin", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Only known zones are kept (a few hundred at most), so odd input cannot grow the map.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, reused (building one costs more than formatting); null for a zone Intl does not know. */
function wallFormatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (!f && isTimeZone(zone)) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f ?? null;
}

/**
 * Offset of `zone` from UTC at instant `ms`, in ms (Berlin in winter: +3 600 000). The one offset rule: an unknown
 * zone counts as UTC (0) rather than throwing, so a stored bad setting degrades to UTC instead of failing a page.
 */
export function zoneOffset(ms: number, zone: string): number {
  const f = zone === 'UTC' ? null : wallFormatter(zone);
  if (!f) return 0;
  const parts = f.formatToParts(ms);
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * The UTC instant of a datetime-local value read in `zone`, or null if it is not one.
 * A time skipped by a DST jump resolves forwards (02:30 on a spring-forward day → 03:30); a repeated one takes the first.
 */
export function localToUtc(local: string, zone: string): number | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s = '0', frac = '0'] = m.slice(1);
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0')));
  if (new Date(wall).getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return null;
  // The offset a little before and after this wall time; outside DST changes both are the same.
  const candidates = [wall - zoneOffset(wall - 12 * 3_600_000, zone), wall - zoneOffset(wall + 12 * 3_600_000, zone)];
  const real = candidates.filter((c) => zoneOffset(c, zone) === wall - c).sort((a, b) => a - b);
  return real[0] ?? candidates[0];
}
