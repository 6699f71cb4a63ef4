/** The first-run checklist on /admin: which setup steps are done, read from what exists. */
import { sql } from 'drizzle-orm';
import { components, monitors, users } from '../../../db/schema';
import type { Db } from '../db';
import { hasSetting } from './settings';

export interface ChecklistStep {
  id: 'name' | 'components' | 'colleague' | 'monitor';
  label: string;
  href: string;
  done: boolean;
}

const countOf = (db: Db, table: typeof components | typeof monitors | typeof users) => db.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;

export function firstRunChecklist(db: Db): ChecklistStep[] {
  return [
    { id: 'name', label: 'Name your page', href: '/admin/settings', done: hasSetting(db, 'pageName') },
    { id: 'components', label: 'Add your first components', href: '/admin/components#h-add', done: countOf(db, components) > 0 },
    { id: 'colleague', label: 'Invite a colleague', href: '/admin/users', done: countOf(db, users) > 1 },
    { id: 'monitor', label: 'Add a first monitor', href: '/admin/monitors/new', done: countOf(db, monitors) > 0 },
  ];
}
