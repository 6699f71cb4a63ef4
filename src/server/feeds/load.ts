/** Loads feed items for the whole page or one component (Astro routes only: reads content/postmortems). */
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { changeLog, components, incidents, maintenances } from '../../../db/schema';
import { buildFeedItems, FEED_LIMIT, mergePostmortems, type FeedItem } from '../../domain/feed-items';
import { getConfig } from '../config';
import type { Db } from '../db';
import { renderMarkdown } from '../markdown';
import { filePostmortems } from '../postmortem-files';
import { pageIdentity } from '../queries/identity';
import { loadIncidents, loadMaintenances } from '../queries/public';
import { componentOnPage } from '../../domain/pages';
import { incidentOnPageSql, maintenancesShownOn } from '../queries/page-records';
import { pageNameOf, pageSiteUrl, type PageScope } from '../queries/pages';

export interface FeedData {
  title: string;
  description: string;
  siteUrl: string;
  /** The HTML page the feed mirrors (absolute). */
  pageUrl: string;
  items: FeedItem[];
  /** `host,year` of the page's tag: URIs (stored once). */
  tagAuthority: string;
  /** A date for an empty feed that only moves when something changes. */
  fallbackDate: number;
}

/** The last 50 items; for a component, only its incidents, their post-mortems and its maintenance. Undefined for an unknown component. */
export async function loadFeed(db: Db, now: number, page: PageScope, componentSlug?: string): Promise<FeedData | undefined> {
  const siteUrl = pageSiteUrl(getConfig().siteUrl, page);
  const pageName = pageNameOf(db, page);
  let component: { id: number; name: string; slug: string; createdAt: number } | undefined;
  if (componentSlug !== undefined) {
    component = db.select().from(components).where(and(eq(components.slug, componentSlug), eq(components.visible, true))).get();
    if (!component || !componentOnPage(page, component.id)) return undefined;
  }
  const scope = and(incidentOnPageSql(page), component ? sql`${incidents.id} IN (SELECT incident_id FROM incident_components WHERE component_id = ${component.id})` : undefined);
  const rows = db.select().from(incidents).where(and(eq(incidents.draft, false), scope)).orderBy(desc(incidents.startedAt), desc(incidents.id)).limit(FEED_LIMIT).all();
  // post-mortems of older incidents than the last 50 can still be among the newest items
  const pmRows = db.select().from(incidents).where(and(eq(incidents.draft, false), isNotNull(incidents.postmortemPublishedAt), scope)).orderBy(desc(incidents.postmortemPublishedAt)).limit(FEED_LIMIT).all();
  const files = (await filePostmortems()).filter((f) => f.publishedAt <= now);
  const fileIds = new Set(files.map((f) => f.incidentId));
  const extra = fileIds.size ? db.select().from(incidents).where(and(eq(incidents.draft, false), inArray(incidents.id, [...fileIds]), scope)).all() : [];
  const byId = new Map([...rows, ...pmRows, ...extra].map((r) => [r.id, r]));
  const views = loadIncidents(db, [...byId.values()], { updates: 'all', page });
  const admin = pmRows.map((r) => ({ incidentId: r.id, title: `Post-mortem: ${r.title}`, html: renderMarkdown(r.postmortemMd ?? ''), publishedAt: r.postmortemPublishedAt!, source: 'admin' as const }));
  const postmortems = mergePostmortems(admin, files, now);
  const mScope = component ? sql`${maintenances.id} IN (SELECT maintenance_id FROM maintenance_components WHERE component_id = ${component.id})` : undefined;
  const mRows = db.select().from(maintenances).where(mScope).orderBy(desc(maintenances.createdAt), desc(maintenances.id)).limit(FEED_LIMIT).all();
  const tagAuthority = pageIdentity(db, now).tagAuthority;
  const items = buildFeedItems({ siteUrl, tagAuthority, incidents: views, postmortems, maintenances: loadMaintenances(db, maintenancesShownOn(db, page, mRows), page) });
  const lastChange = db.select({ at: changeLog.at }).from(changeLog).orderBy(desc(changeLog.id)).limit(1).get()?.at;
  return {
    title: component ? `${pageName} · ${component.name}` : pageName,
    description: component ? `Incidents, post-mortems and maintenance affecting ${component.name}` : `Incidents, post-mortems and maintenance of ${pageName}`,
    siteUrl,
    tagAuthority,
    pageUrl: component ? `${siteUrl}/components/${component.slug}` : `${siteUrl}/history`,
    items,
    fallbackDate: component?.createdAt ?? lastChange ?? 0,
  };
}
