/** Badges: the page's or one component's status and optional uptime over 7/30/90 days, drawn by badge-maker. */
import { makeBadge } from 'badge-maker';
import { BADGE_COLORS, badgeMessage, componentBadgeStatus, TONE_OF_INDICATOR, TONE_OF_STATUS, type BadgeTone } from '../../domain/badge';
import { stripInvalidXml } from '../../domain/feed-items';
import { uptimeOfDays } from '../../domain/uptime';
import type { Db } from '../db';
import { pageNameOf, type PageScope } from '../queries/pages';
import { getComponentDetail, getOverview } from '../queries/public';

/** The SVG (shields.io's own renderer: real text widths for any script, <title> and aria-label). */
export function renderBadge(label: string, message: string, tone: BadgeTone): string {
  return makeBadge({ label: stripInvalidXml(label), message: stripInvalidXml(message), color: BADGE_COLORS[tone], labelColor: '#444', style: 'flat' });
}

/** The page badge: overall status, uptime of all shown components together. */
export function pageBadge(db: Db, now: number, page: PageScope, days: 7 | 30 | 90 | null): string {
  const o = getOverview(db, now, page);
  const all = [...o.groups.flatMap((g) => g.components), ...o.ungrouped];
  const uptime = days === null ? null : uptimeOfDays(all.flatMap((c) => c.days.slice(-days)));
  return renderBadge(pageNameOf(db, page), badgeMessage(o.overall.description, uptime, days), TONE_OF_INDICATOR[o.overall.indicator]);
}

/** One component's badge, or undefined for an unknown component. */
export function componentBadge(db: Db, slug: string, now: number, page: PageScope, days: 7 | 30 | 90 | null): string | undefined {
  const d = getComponentDetail(db, slug, now, page);
  if (!d) return undefined;
  const c = d.component;
  const uptime = days === null ? null : uptimeOfDays(c.days.slice(-days));
  return renderBadge(c.name, badgeMessage(componentBadgeStatus(c.status), uptime, days), TONE_OF_STATUS[c.status]);
}

export function svgResponse(svg: string, status = 200): Response {
  return new Response(svg, { status, headers: { 'content-type': 'image/svg+xml; charset=utf-8' } });
}
