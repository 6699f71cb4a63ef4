/**
 * One component of `/` as escaped HTML: fifty rows of Astro components (each with its status icon, sparkline,
 * day bars and uptime legends) were a third of an uncached render. A row's HTML is kept with its day record
 * (the server's day cache reuses those arrays) and rebuilt when anything else it shows differs.
 */
import { legendSpans } from './bar-spans';
import { dayBarsHtml } from './day-bars-html';
import { escapeHtml } from './html-escape';
import { flattened } from './flat-string';
import { STATUS_LABELS, type ComponentStatus } from './enums';
import { formatPercent, uptimeOfLastDays, type DayFigure } from './uptime';

const ICON_PATHS: Record<ComponentStatus, string> = {
  operational: 'M5 10.5l3.2 3.2L15 7',
  under_maintenance: 'M6 6l8 8M14 6l-3 3',
  degraded_performance: 'M10 5v6M10 14v.5',
  partial_outage: 'M5 10h10',
  major_outage: 'M6 6l8 8M14 6l-8 8',
};

/** The status badge: an icon shaped per status (not colour alone) and, unless `label` is false, its words. */
export function statusIconHtml(status: ComponentStatus, label = true): string {
  const icon = `<svg class="status-icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><circle cx="10" cy="10" r="9"></circle><path d="${ICON_PATHS[status]}"></path></svg>`;
  return `<span class="status status-${status}" data-status="${status}">${icon}${label ? `<span class="status-text">${escapeHtml(STATUS_LABELS[status])}</span>` : ''}</span>`;
}

export interface RowComponent {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  showcase: boolean;
  days: DayFigure[];
}

export interface RowSparkline {
  segments: string[];
  label: string;
}

const rows = new WeakMap<DayFigure[], { key: string; html: string }>();
/** How many rows were built rather than reused (for tests). */
export const componentRowStats = { built: 0 };

/** The `<li class="component">` of one component on the overview. */
export function componentRowHtml(c: RowComponent, spark?: RowSparkline): string {
  const key = JSON.stringify([c.id, c.slug, c.name, c.description, c.status, c.showcase, spark?.label ?? null, spark?.segments ?? null]);
  const hit = rows.get(c.days);
  if (hit?.key === key) return hit.html;
  componentRowStats.built++;
  const html = flattened(buildRow(c, spark));
  rows.set(c.days, { key, html });
  return html;
}

function buildRow(c: RowComponent, spark?: RowSparkline): string {
  const name = escapeHtml(c.name);
  let head = `<a class="component-name" href="/components/${escapeHtml(c.slug)}">${name}</a>`;
  if (c.description) {
    head += `<span class="info"><button type="button" class="info-btn" aria-label="About ${name}" aria-describedby="desc-${c.id}">?</button><span class="tip" role="tooltip" id="desc-${c.id}">${escapeHtml(c.description)}</span></span>`;
  }
  if (spark) {
    const label = escapeHtml(spark.label);
    head += `<svg class="sparkline" viewBox="0 -1 100 22" width="100" height="22" role="img" aria-label="${label}" data-sparkline><title>${label}</title>${spark.segments.map((p) => `<polyline points="${escapeHtml(p)}"></polyline>`).join('')}</svg>`;
  }
  head += statusIconHtml(c.status);
  let body = '';
  if (c.showcase) {
    body = dayBarsHtml(c.days, c.name);
    // Narrow screens show fewer days (CSS hides the older bars, bar-spans.ts); each span has its own uptime label.
    for (const n of legendSpans(c.days.length)) {
      const uptime = uptimeOfLastDays(c.days, n);
      body += `<p class="bars-legend span-${n}" data-span="${n}"><span>${n} days ago</span><span class="uptime" data-uptime="${uptime === null ? '' : uptime.toFixed(4)}">${formatPercent(uptime)} uptime</span><span>Today</span></p>`;
    }
  }
  return `<li class="component" data-component="${escapeHtml(c.slug)}" data-status="${c.status}"><div class="component-head">${head}</div>${body}</li>`;
}
