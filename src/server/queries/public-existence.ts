/** Cheap existence checks the front layer runs before rendering a public page for an unknown parameter. */
import type { Db } from '../db';

/**
 * For a canonical path naming a component or incident, which kind of thing is missing ('component',
 * 'incident'), or null when it exists or the path names neither. Must never call missing what the page shows:
 * it checks the table only, drafts included, and the page applies its own visibility rules.
 */
export function missingPublicResource(db: Db): (path: string) => string | null {
  const component = db.$client.prepare('SELECT 1 FROM components WHERE slug = ?').pluck();
  const incident = db.$client.prepare('SELECT 1 FROM incidents WHERE id = ?').pluck();
  return (path) => {
    let m = /^\/components\/([^/]+)$/.exec(path);
    if (m) return component.get(m[1]) ? null : 'component';
    m = /^\/incidents\/([^/]+)$/.exec(path);
    if (m) return /^\d{1,12}$/.test(m[1]) && incident.get(Number(m[1])) ? null : 'incident';
    return null;
  };
}
