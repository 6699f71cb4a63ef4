/** Incident templates: the whole first update saved for reuse (title, message, impact, status, component statuses, notify). */
import { eq } from 'drizzle-orm';
import { incidentTemplates } from '../../../db/schema';
import type { ComponentStatus, Impact, IncidentStatus } from '../../domain/enums';
import { tx, type Db } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { requireComponent } from './components';
import type { Actor } from './actor';
import { recordAudit } from './journal';

export type TemplateRow = typeof incidentTemplates.$inferSelect;

export interface TemplateInput {
  name: string;
  title: string;
  body: string;
  impact: Impact;
  /** Default investigating. */
  status?: IncidentStatus;
  /** component id or slug → status; default none. */
  components?: Record<string, ComponentStatus>;
  /** Default true. */
  notify?: boolean;
}

/** The stored form: components by id (slugs resolved), so renaming a component keeps the template working. */
function rowValues(db: Db, input: TemplateInput) {
  const byId: Record<string, ComponentStatus> = {};
  for (const [ref, status] of Object.entries(input.components ?? {})) {
    const c = (() => {
      try {
        return requireComponent(db, /^\d+$/.test(ref) ? Number(ref) : ref);
      } catch {
        throw new ValidationError(`Unknown component "${ref}".`, { components: `Unknown component "${ref}".` });
      }
    })();
    byId[String(c.id)] = status;
  }
  return { name: input.name, title: input.title, body: input.body, impact: input.impact, status: input.status ?? 'investigating', components: JSON.stringify(byId), notify: input.notify ?? true };
}

/** A template's component statuses (id → status); components deleted since are left out. */
export function templateComponents(row: TemplateRow): Record<string, ComponentStatus> {
  try {
    const parsed = JSON.parse(row.components) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, ComponentStatus>) : {};
  } catch {
    return {};
  }
}

export function createTemplate(db: Db, input: TemplateInput, actor: Actor, now: number): TemplateRow {
  return tx(db, () => {
    const row = db.insert(incidentTemplates).values({ ...rowValues(db, input), createdAt: now }).returning().get();
    recordAudit(db, now, actor, 'template.create', 'template', row.id, { after: row });
    return row;
  });
}

export function updateTemplate(db: Db, id: number, input: TemplateInput, actor: Actor, now: number): TemplateRow {
  return tx(db, () => {
    const before = db.select().from(incidentTemplates).where(eq(incidentTemplates.id, id)).get();
    if (!before) throw new NotFoundError('No such template.');
    const after = db.update(incidentTemplates).set(rowValues(db, input)).where(eq(incidentTemplates.id, id)).returning().get();
    recordAudit(db, now, actor, 'template.update', 'template', id, { before, after });
    return after;
  });
}

export function deleteTemplate(db: Db, id: number, actor: Actor, now: number): void {
  tx(db, () => {
    const before = db.select().from(incidentTemplates).where(eq(incidentTemplates.id, id)).get();
    if (!before) throw new NotFoundError('No such template.');
    db.delete(incidentTemplates).where(eq(incidentTemplates.id, id)).run();
    recordAudit(db, now, actor, 'template.delete', 'template', id, { before });
  });
}

export function listTemplates(db: Db): TemplateRow[] {
  return db.select().from(incidentTemplates).orderBy(incidentTemplates.name).all();
}
