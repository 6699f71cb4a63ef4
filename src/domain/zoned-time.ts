/** ISO 8601 timestamps with the offset of an IANA time zone, as Statuspage writes them (`2026-05-13T14:16:07.149-04:00`). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

const isUtc = (tz: string): boolean => tz === 'UTC' || tz === 'Etc/UTC' || tz === 'Etc/GMT' || tz === 'GMT';

/** `ms` in `timeZone` with its offset; UTC keeps the `Z` suffix. */
export function zonedIsoTime(ms: number, timeZone = 'UTC'): string {
  if (isUtc(timeZone)) return new Date(ms).toISOString();
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const offsetMin = Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const local = new Date(wall + (((ms % 1000) + 1000) % 1000)).toISOString().slice(0, 23);
  return `${local}${off}`;
}

/** Statuspage names UTC `Etc/UTC`; other zones keep their IANA name. */
export function statuspageZoneName(timeZone: string): string {
  return isUtc(timeZone) ? 'Etc/UTC' : timeZone;
}
