/** The pages of the install (issue 24), read once per change of the log, and the page a Host names. */
import { asc } from 'drizzle-orm';
import { pageComponents, pages } from '../../../db/schema';
import { pageForHost, type PageShows, type PageVisibility } from '../../domain/pages';
import { currentVersion } from '../changes';
import type { Db } from '../db';
import { prepared } from './prepared';
import { getSettings } from './settings';

/** A page as requests see it: what it answers on, who may see it, which components it shows. */
export interface PageScope extends PageShows {
  slug: string;
  name: string;
  hosts: string[];
  visibility: PageVisibility;
  timeZone: string | null;
  brandColor: string | null;
}

const pagesQ = prepared((db) => db.select().from(pages).orderBy(asc(pages.id)).prepare());
const pageComponentsQ = prepared((db) => db.select().from(pageComponents).prepare());

function readPages(db: Db): PageScope[] {
  const listed = new Map<number, Set<number>>();
  for (const r of pageComponentsQ(db).all()) {
    const set = listed.get(r.pageId) ?? new Set<number>();
    set.add(r.componentId);
    listed.set(r.pageId, set);
  }
  return pagesQ(db)
    .all()
    .map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      hosts: p.hosts.split(' ').filter(Boolean),
      visibility: p.visibility,
      isDefault: p.isDefault,
      componentIds: p.allComponents ? null : (listed.get(p.id) ?? new Set<number>()),
      timeZone: p.timeZone,
      brandColor: p.brandColor,
    }));
}

// Every page write records a change, so the list is read again only when the change counter moved.
const memo = new WeakMap<Db, { version: number; pages: PageScope[] }>();

/** Drops this process's copy after a page write here (the counter may not move when tests share a process). */
export function forgetPages(db: Db): void {
  memo.delete(db);
}

/** Every page, oldest first. */
export function listPages(db: Db): PageScope[] {
  const version = currentVersion();
  const known = memo.get(db);
  if (known && known.version === version) return known.pages;
  const fresh = readPages(db);
  memo.set(db, { version, pages: fresh });
  return fresh;
}

/** The default page, which start-up always creates (src/server/db.ts). */
export function defaultPage(db: Db): PageScope {
  const page = listPages(db).find((p) => p.isDefault);
  if (!page) throw new Error('No default page: the database was not migrated by this version.');
  return page;
}

/** The page a request's Host header names (the default page for any other host). */
export function pageForRequest(db: Db, host: string | null | undefined): PageScope {
  return pageForHost(listPages(db), host) ?? defaultPage(db);
}

/** The name a page shows: the default page keeps the settings' page name (as before pages existed). */
export function pageNameOf(db: Db, page: PageScope): string {
  return page.isDefault ? getSettings(db).pageName : page.name;
}

/** The absolute address of a page: SITE_URL for the default page, its first host name (same scheme) for others. */
export function pageSiteUrl(siteUrl: string, page: PageScope): string {
  if (page.isDefault || page.hosts.length === 0) return siteUrl;
  return `${new URL(siteUrl).protocol}//${page.hosts[0]}`;
}
