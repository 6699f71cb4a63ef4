/** Text formatting shared by pages and feeds (UTC; the browser localises times). */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');

/** "Nov 23, 2026, 19:05 UTC" */
export function formatUtc(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "Nov 23, 2026" */
export function formatUtcDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** "November 2026" from "2026-11" */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${names[m - 1]} ${y}`;
}

/** "2 h 5 min", "45 min", "under a minute" */
export function formatDuration(ms: number): string {
  const totalMin = Math.floor(ms / 60_000);
  if (totalMin < 1) return ms <= 0 ? '0 min' : 'under a minute';
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  const parts = [];
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m || parts.length === 0) parts.push(`${m} min`);
  return parts.join(' ');
}

/** Minutes, rounded to one decimal below 10, whole above. */
export function formatMinutes(seconds: number): string {
  const m = seconds / 60;
  if (m === 0) return '0 min';
  if (m < 1) return 'under a minute';
  if (m < 10) return `${Math.round(m * 10) / 10} min`;
  return `${Math.round(m)} min`;
}
