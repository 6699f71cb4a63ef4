/** Read models for the admin pages. */
import { and, asc, desc, eq, like, ne, sql } from 'drizzle-orm';
import { apiKeys, auditLog, componentGroups, components, incidents, maintenances, users } from '../../../db/schema';
import type { Db } from '../db';
import { keyAuthority } from '../../domain/key-authority';
import { apiKeysWithHolders, keyHolderOf } from './api-keys';

export function listAdminIncidents(db: Db): { open: (typeof incidents.$inferSelect)[]; drafts: (typeof incidents.$inferSelect)[]; recent: (typeof incidents.$inferSelect)[] } {
  const open = db.select().from(incidents).where(and(ne(incidents.status, 'resolved'), eq(incidents.draft, false))).orderBy(desc(incidents.startedAt)).all();
  const drafts = db.select().from(incidents).where(eq(incidents.draft, true)).orderBy(desc(incidents.startedAt)).all();
  const recent = db.select().from(incidents).where(and(eq(incidents.status, 'resolved'), eq(incidents.draft, false))).orderBy(desc(incidents.startedAt)).limit(20).all();
  return { open, drafts, recent };
}

export function listComponentsAdmin(db: Db) {
  return db.select().from(components).orderBy(asc(components.groupId), asc(components.position), asc(components.id)).all();
}

export function listGroups(db: Db) {
  return db.select().from(componentGroups).orderBy(asc(componentGroups.position), asc(componentGroups.id)).all();
}

const finishedLast = sql`CASE WHEN ${maintenances.status} IN ('completed', 'cancelled') THEN 1 ELSE 0 END`;

/** Windows for the admin list, sorted by start: open ones soonest first, then finished ones newest first. */
export function listMaintenancesAdmin(db: Db) {
  return db
    .select()
    .from(maintenances)
    // Open windows first, the next to start on top; finished ones after, the latest first.
    .orderBy(finishedLast, sql`CASE WHEN ${finishedLast} = 0 THEN ${maintenances.scheduledFor} END`, desc(maintenances.scheduledFor), desc(maintenances.id))
    .limit(50)
    .all();
}

export function listUsers(db: Db) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, lastLoginAt: users.lastLoginAt, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.email))
    .all();
}

/** Every key with its holder now and what it may do now (the lesser of its scope and the holder's role). */
export function listApiKeys(db: Db) {
  return apiKeysWithHolders(db)
    .orderBy(desc(apiKeys.createdAt))
    .all()
    .map(({ key, holder }) => ({ ...key, holder, actsAs: keyAuthority(key.scope, keyHolderOf(key, holder)) }));
}

export interface AuditFilter {
  entity?: string;
  action?: string;
  actor?: string;
  page: number;
}

const AUDIT_PAGE_SIZE = 50;

export function listAudit(db: Db, f: AuditFilter) {
  const where = and(
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.action ? like(auditLog.action, `${f.action.replace(/[%_]/g, '')}%`) : undefined,
    f.actor ? like(auditLog.actorName, `%${f.actor.replace(/[%_]/g, '')}%`) : undefined,
  );
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(AUDIT_PAGE_SIZE).offset((f.page - 1) * AUDIT_PAGE_SIZE).all();
  return { rows, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export function listAuditEntities(db: Db): string[] {
  return db.selectDistinct({ e: auditLog.entity }).from(auditLog).orderBy(auditLog.entity).all().map((r) => r.e);
}
