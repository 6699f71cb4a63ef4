/** Status pages (issue 24): create, edit, delete; each write audited and recorded as a change (caches, live). */
import { and, eq, ne } from 'drizzle-orm';
import { pageComponents, pages } from '../../../db/schema';
import { tx, type Db } from '../db';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { PageInput } from '../features/pages/schemas';
import type { Actor } from './actor';
import { forgetPages } from '../queries/pages';
import { findComponent } from './components';
import { recordAudit, recordChange } from './journal';

type PageRow = typeof pages.$inferSelect;

export interface PageResult extends PageRow {
  componentIds: number[];
}

function requirePage(db: Db, id: number): PageRow {
  const row = db.select().from(pages).where(eq(pages.id, id)).get();
  if (!row) throw new NotFoundError(`No page ${id}.`);
  return row;
}

/** Refuses a slug or a host name another page already has (the same host cannot name two pages). */
function checkUnique(db: Db, input: PageInput, exceptId: number | null): void {
  const others = db.select().from(pages).where(exceptId === null ? undefined : ne(pages.id, exceptId)).all();
  if (others.some((p) => p.slug === input.slug)) throw new ConflictError(`Another page has the slug "${input.slug}".`, { slug: 'Choose another slug.' });
  for (const h of input.hosts) {
    const holder = others.find((p) => p.hosts.split(' ').includes(h));
    if (holder) throw new ConflictError(`The page "${holder.name}" already answers on ${h}.`, { hosts: `${h} is already ${holder.name}'s.` });
  }
}

function componentIdsOf(db: Db, refs: (string | number)[]): number[] {
  const ids = refs.map((r) => {
    const c = findComponent(db, r);
    if (!c) throw new ValidationError(`Unknown component "${r}".`, { components: `Unknown component "${r}".` });
    return c.id;
  });
  return [...new Set(ids)];
}

function columns(input: PageInput, now: number) {
  return { slug: input.slug, name: input.name, hosts: input.hosts.join(' '), visibility: input.visibility, allComponents: input.all_components, timeZone: input.time_zone, updatedAt: now };
}

function writeComponents(db: Db, pageId: number, ids: number[]): void {
  db.delete(pageComponents).where(eq(pageComponents.pageId, pageId)).run();
  if (ids.length) db.insert(pageComponents).values(ids.map((componentId) => ({ pageId, componentId }))).run();
}

export function createPage(db: Db, input: PageInput, actor: Actor, now: number): PageResult {
  const page = tx(db, () => {
    checkUnique(db, input, null);
    const ids = componentIdsOf(db, input.components);
    const row = db.insert(pages).values({ ...columns(input, now), createdAt: now }).returning().get();
    writeComponents(db, row.id, ids);
    recordAudit(db, now, actor, 'page.create', 'page', row.id, { after: { ...row, componentIds: ids } });
    recordChange(db, now, 'page.updated', 'page', row.id);
    return { ...row, componentIds: ids };
  });
  // read afresh here: the change counter may not move when tests share a process
  forgetPages(db);
  return page;
}

export function updatePage(db: Db, id: number, input: PageInput, actor: Actor, now: number): PageResult {
  const page = tx(db, () => {
    const before = requirePage(db, id);
    checkUnique(db, input, id);
    const ids = componentIdsOf(db, input.components);
    const beforeIds = db.select({ id: pageComponents.componentId }).from(pageComponents).where(eq(pageComponents.pageId, id)).all().map((r) => r.id);
    const after = db.update(pages).set(columns(input, now)).where(eq(pages.id, id)).returning().get();
    writeComponents(db, id, ids);
    recordAudit(db, now, actor, 'page.update', 'page', id, { before: { ...before, componentIds: beforeIds }, after: { ...after, componentIds: ids } });
    recordChange(db, now, 'page.updated', 'page', id);
    return { ...after, componentIds: ids };
  });
  forgetPages(db);
  return page;
}

/** Deletes a page (its subscribers' and incidents' links to it go with it); the default page stays. */
export function deletePage(db: Db, id: number, actor: Actor, now: number): void {
  tx(db, () => {
    const before = requirePage(db, id);
    if (before.isDefault) throw new ConflictError('The default page answers every other host and cannot be deleted; edit it instead.');
    db.delete(pages).where(and(eq(pages.id, id), eq(pages.isDefault, false))).run();
    recordAudit(db, now, actor, 'page.delete', 'page', id, { before });
    recordChange(db, now, 'page.updated', 'page', id);
  });
  forgetPages(db);
}

/** Every page with its listed components, for the admin. */
export function listPagesForAdmin(db: Db): PageResult[] {
  const listed = db.select().from(pageComponents).all();
  return db
    .select()
    .from(pages)
    .orderBy(pages.id)
    .all()
    .map((p) => ({ ...p, componentIds: listed.filter((r) => r.pageId === p.id).map((r) => r.componentId) }));
}
