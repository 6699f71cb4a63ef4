/** ISO 8601 timestamps with the offset of an IANA time zone, as Statuspage writes them (`2026-05-13T14:16:07.149-04:00`). */

import { zoneOffset } from './zone-time';

const isUtc = (tz: string): boolean => tz === 'UTC' || tz === 'Etc/UTC' || tz === 'Etc/GMT' || tz === 'GMT';

/** `ms` in `timeZone` with its offset; UTC keeps the `Z` suffix. */
export function zonedIsoTime(ms: number, timeZone = 'UTC'): string {
  if (isUtc(timeZone)) return new Date(ms).toISOString();
  const offset = zoneOffset(ms, timeZone);
  const offsetMin = Math.round(offset / 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const local = new Date(ms + offset).toISOString().slice(0, 23);
  return `${local}${off}`;
}

/** Statuspage names UTC `Etc/UTC`; other zones keep their IANA name. */
export function statuspageZoneName(timeZone: string): string {
  return isUtc(timeZone) ? 'Etc/UTC' : timeZone;
}
