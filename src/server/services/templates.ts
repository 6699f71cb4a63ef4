/** Incident templates: saved title/message/impact presets. */
import { eq } from 'drizzle-orm';
import { incidentTemplates } from '../../../db/schema';
import type { Impact } from '../../domain/enums';
import { tx, type Db } from '../db';
import { NotFoundError } from '../errors';
import type { Actor } from './actor';
import { recordAudit } from './journal';

export type TemplateRow = typeof incidentTemplates.$inferSelect;

export interface TemplateInput {
  name: string;
  title: string;
  body: string;
  impact: Impact;
}

export function createTemplate(db: Db, input: TemplateInput, actor: Actor, now: number): TemplateRow {
  return tx(db, () => {
    const row = db.insert(incidentTemplates).values({ ...input, createdAt: now }).returning().get();
    recordAudit(db, now, actor, 'template.create', 'template', row.id, { after: row });
    return row;
  });
}

export function updateTemplate(db: Db, id: number, input: TemplateInput, actor: Actor, now: number): TemplateRow {
  return tx(db, () => {
    const before = db.select().from(incidentTemplates).where(eq(incidentTemplates.id, id)).get();
    if (!before) throw new NotFoundError('No such template.');
    const after = db.update(incidentTemplates).set(input).where(eq(incidentTemplates.id, id)).returning().get();
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
