/** The day bars as one escaped HTML string: thousands of bars per page are too many for one Astro component each. */
import { formatMinutes, formatUtcDate } from './format';
import { ClearingMemo } from './clearing-memo';
import { flattened } from './flat-string';
import { escapeHtml } from './html-escape';
import { downtimeSeconds, type DayFigure } from './uptime';

/** The tooltip's summary line of one day. */
export function describeDay(d: DayFigure): string {
  if (d.level === 'nodata') return 'No data';
  const parts: string[] = [];
  if (d.seconds.major > 0) parts.push(`Major outage ${formatMinutes(d.seconds.major)}`);
  if (d.seconds.partial > 0) parts.push(`Partial outage ${formatMinutes(d.seconds.partial)}`);
  if (d.seconds.degraded > 0) parts.push(`Degraded ${formatMinutes(d.seconds.degraded)}`);
  if (d.seconds.maintenance > 0) parts.push(`Maintenance ${formatMinutes(d.seconds.maintenance)}`);
  if (parts.length === 0) parts.push('No downtime');
  return parts.join(', ');
}

/** Days without downtime but with degraded time get their own tint. */
function dayShade(d: DayFigure): string {
  return d.level === 'ok' && d.seconds.degraded > 0 ? 'degraded' : d.level;
}

// Bars repeat the same 90 dates for every component, so each date is formatted once.
const dateTitles = new ClearingMemo<string, string>(1000);
const formatDateTitle = (date: string) => formatUtcDate(Date.parse(date));
function dateTitle(date: string): string {
  return dateTitles.getOrCompute(date, formatDateTitle);
}

/** No incident, no downtime, no degraded or maintenance time: most days, so their markup is minimal. */
export function isPlainDay(d: DayFigure): boolean {
  return d.incidents.length === 0 && downtimeSeconds(d.seconds) === 0 && d.seconds.degraded === 0 && d.seconds.maintenance === 0;
}

// A plain day is an unclassed `<li>` (green by CSS) titled with its date only, or a grey one titled "…: No data".
function barHtml(d: DayFigure): string {
  if (isPlainDay(d)) {
    return d.level === 'nodata' ? `<li class="lvl-nodata" title="${dateTitle(d.date)}: No data"></li>` : `<li title="${dateTitle(d.date)}"></li>`;
  }
  let tip = `<strong>${dateTitle(d.date)}</strong><span class="tip-line">${escapeHtml(describeDay(d))}</span>`;
  for (const i of d.incidents) tip += `<span class="tip-line tip-incident">${escapeHtml(i.title)}</span>`;
  const uptime = d.uptime === null ? '' : d.uptime.toFixed(4);
  return `<li class="lvl-${dayShade(d)}" data-date="${d.date}" data-level="${d.level}" data-uptime="${uptime}" tabindex="0"><span class="tip">${tip}</span></li>`;
}

// Day arrays reused by the server's day cache (src/server/queries/day-cache.ts) reuse their HTML too.
const rendered = new WeakMap<DayFigure[], { name: string; html: string }>();
/** How many bar lists were built rather than reused (for tests). */
export const dayBarsStats = { built: 0 };

/** The `<ol class="bars">` of one component's days, with each day's tooltip and the list's accessible name. */
export function dayBarsHtml(days: DayFigure[], name: string): string {
  const hit = rendered.get(days);
  if (hit?.name === name) return hit.html;
  dayBarsStats.built++;
  const html = flattened(buildBarsHtml(days, name));
  rendered.set(days, { name, html });
  return html;
}

function buildBarsHtml(days: DayFigure[], name: string): string {
  let out = `<ol class="bars" aria-label="${escapeHtml(`Availability of ${name}, last ${days.length} days; a day titled by its date alone had no downtime`)}">`;
  for (const d of days) out += barHtml(d);
  return `${out}</ol>`;
}
