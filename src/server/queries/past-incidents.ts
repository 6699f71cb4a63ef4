/** Resolved incidents of the last days, for the overview's "Past incidents" section. */
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { incidents } from '../../../db/schema';
import { groupPastIncidents, type PastDay } from '../../domain/past-incidents';
import { dayIndex, dayStart } from '../../domain/time';
import type { PageShows } from '../../domain/pages';
import type { Db } from '../db';
import { incidentsShownOn } from './page-records';
import { loadIncidents, type IncidentView } from './public';
import { prepared } from './prepared';

/** Statuspage shows the last 15 days. */
const PAST_INCIDENT_DAYS = 15;

const resolvedSinceQ = prepared((db) =>
  db
    .select()
    .from(incidents)
    .where(and(eq(incidents.draft, false), eq(incidents.status, 'resolved'), gte(incidents.resolvedAt, sql.placeholder('from'))))
    .orderBy(desc(incidents.resolvedAt))
    .prepare(),
);

export function getPastIncidents(db: Db, now: number, page?: PageShows, days = PAST_INCIDENT_DAYS): PastDay<IncidentView>[] {
  const from = dayStart(dayIndex(now) - days + 1);
  const all = resolvedSinceQ(db).all({ from });
  const rows = page ? incidentsShownOn(db, page, all) : all;
  return groupPastIncidents(loadIncidents(db, rows, { updates: 'latest', page }), now, days);
}
