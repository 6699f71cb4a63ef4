/**
 * Several status pages per install (issue 24): which page a request's Host names, and which records a page shows.
 * Records belong to components, not pages; a page shows the components it lists (or every one), and an incident
 * either on the pages chosen for it or on every page showing one of its components.
 */
// Decision: docs/decisions/033-several-pages-per-install.md

export const PAGE_VISIBILITIES = ['public', 'private', 'audience'] as const;
export type PageVisibility = (typeof PAGE_VISIBILITIES)[number];

/** What host matching needs of a page. */
export interface HostedPage {
  id: number;
  hosts: string[];
  isDefault: boolean;
}

/**
 * A Host header's name in its one spelling: lower case, no port, no trailing dot, IPv6 brackets kept; null when it
 * is no host name at all (empty, spaces, a path or user part).
 */
export function normalizeHost(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let h = raw.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end === -1) return null;
    h = h.slice(0, end + 1);
  } else {
    const colon = h.indexOf(':');
    if (colon !== -1) {
      if (!/^\d{1,5}$/.test(h.slice(colon + 1))) return null;
      h = h.slice(0, colon);
    }
    if (h.endsWith('.')) h = h.slice(0, -1);
  }
  if (h === '' || h.length > 253 || !/^[a-z0-9.\-[\]:_]+$/.test(h)) return null;
  return h;
}

/** The page a host names: the one listing it, else the default page (installs without DNS answer every host). */
export function pageForHost<P extends HostedPage>(pages: readonly P[], rawHost: string | null | undefined): P | undefined {
  const host = normalizeHost(rawHost);
  const named = host === null ? undefined : pages.find((p) => p.hosts.includes(host));
  return named ?? pages.find((p) => p.isDefault);
}

/** Which components a page shows: `null` = every component, present and future. */
export interface PageShows {
  id: number;
  isDefault: boolean;
  componentIds: ReadonlySet<number> | null;
  /** Narrowed to one audience viewer: records posted to the page show only through the viewer's components. */
  viewerScoped?: boolean;
}

/** A component is on a page that lists it, or on one that shows every component. */
export function componentOnPage(page: PageShows, componentId: number): boolean {
  return page.componentIds === null || page.componentIds.has(componentId);
}

/**
 * An incident or window is on the pages the operator chose for it, if any (for an audience viewer, only through one
 * of their components); else on every page showing one of its components; one with no component at all is on the
 * default page only (it concerns no page's components).
 */
export function recordOnPage(page: PageShows, record: { componentIds: readonly number[]; pageIds: readonly number[] }): boolean {
  if (record.pageIds.length > 0) return record.pageIds.includes(page.id) && (!page.viewerScoped || record.componentIds.some((c) => componentOnPage(page, c)));
  if (record.componentIds.length === 0) return page.isDefault;
  return record.componentIds.some((c) => componentOnPage(page, c));
}

/**
 * What an audience page shows one viewer: the page's components that the viewer's audience groups name (the page
 * itself when the viewer is not scoped, `null` ids).
 */
export function pageForViewer<P extends PageShows>(page: P, viewerComponentIds: readonly number[] | null): P {
  if (viewerComponentIds === null) return page;
  const shown = viewerComponentIds.filter((c) => componentOnPage(page, c));
  return { ...page, componentIds: new Set(shown), viewerScoped: true };
}

/** A page may be publicly cached, exported to the mirror and pushed live events only when it is public. */
export function isPublicPage(page: { visibility: PageVisibility }): boolean {
  return page.visibility === 'public';
}

/**
 * The pages a change shows on (for live events and purges): those showing the record it touched, by the record's
 * components and chosen pages; `null` facts (settings, a page, a new day) show on every page.
 */
export function pagesShowing(pages: readonly PageShows[], facts: { componentIds: readonly number[]; pageIds: readonly number[] } | null): number[] {
  return pages.filter((p) => facts === null || recordOnPage(p, facts)).map((p) => p.id);
}
