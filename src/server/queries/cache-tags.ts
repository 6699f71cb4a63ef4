/** Reads behind cache-tag purges: change_log entries after an id, and the components a change touches. */
import type { Db } from '../db';
import type { ChangeEntry, Span, TagLookups } from '../http/cache-tags';

export function changesAfter(db: Db, afterId: number): { maxId: number; entries: ChangeEntry[] } {
  const rows = db.$client.prepare('SELECT id, kind, entity, entity_id AS entityId, payload FROM change_log WHERE id > ? ORDER BY id LIMIT 10000').all(afterId) as (ChangeEntry & { id: number })[];
  return { maxId: rows.length ? rows[rows.length - 1].id : afterId, entries: rows };
}

export function tagLookups(db: Db): TagLookups {
  const slug = db.$client.prepare('SELECT slug FROM components WHERE id = ?').pluck();
  const ofIncident = db.$client.prepare('SELECT c.slug FROM incident_components ic JOIN components c ON c.id = ic.component_id WHERE ic.incident_id = ?').pluck();
  const ofMaintenance = db.$client.prepare('SELECT c.slug FROM maintenance_components mc JOIN components c ON c.id = mc.component_id WHERE mc.maintenance_id = ?').pluck();
  const incident = db.$client.prepare('SELECT started_at AS start, resolved_at AS "end" FROM incidents WHERE id = ?');
  const maintenance = db.$client.prepare('SELECT MIN(scheduled_for, COALESCE(started_at, scheduled_for)) AS start, MAX(scheduled_until, COALESCE(completed_at, scheduled_until)) AS "end" FROM maintenances WHERE id = ?');
  return {
    componentSlug: (id) => slug.get(id) as string | undefined,
    incidentSpan: (id) => incident.get(id) as Span | undefined,
    maintenanceSpan: (id) => maintenance.get(id) as Span | undefined,
    incidentComponents: (id) => ofIncident.all(id) as string[],
    maintenanceComponents: (id) => ofMaintenance.all(id) as string[],
  };
}
