/** Badge data: the page's or one component's status and optional uptime over 7/30/90 days. */
import { badgeMessage, componentBadgeStatus, renderBadge, TONE_OF_INDICATOR, TONE_OF_STATUS } from '../../domain/badge';
import { uptimeOfDays } from '../../domain/uptime';
import type { Db } from '../db';
import { getComponentDetail, getOverview } from '../queries/public';

/** The page badge: overall status, uptime of all shown components together. */
export function pageBadge(db: Db, now: number, days: 7 | 30 | 90 | null): string {
  const o = getOverview(db, now);
  const all = [...o.groups.flatMap((g) => g.components), ...o.ungrouped];
  const uptime = days === null ? null : uptimeOfDays(all.flatMap((c) => c.days.slice(-days)));
  return renderBadge(o.pageName, badgeMessage(o.overall.description, uptime, days), TONE_OF_INDICATOR[o.overall.indicator]);
}

/** One component's badge, or undefined for an unknown component. */
export function componentBadge(db: Db, slug: string, now: number, days: 7 | 30 | 90 | null): string | undefined {
  const d = getComponentDetail(db, slug, now);
  if (!d) return undefined;
  const c = d.component;
  const uptime = days === null ? null : uptimeOfDays(c.days.slice(-days));
  return renderBadge(c.name, badgeMessage(componentBadgeStatus(c.status), uptime, days), TONE_OF_STATUS[c.status]);
}

export function svgResponse(svg: string, status = 200): Response {
  return new Response(svg, { status, headers: { 'content-type': 'image/svg+xml; charset=utf-8' } });
}
