/** /maintenance.ics: upcoming, active and the most recent completed maintenance windows. */
// Decision: docs/decisions/013-maintenance-windows-and-cancellation.md
import ical, { ICalEventStatus } from 'ical-generator';
import { getConfig } from '../config';
import type { Db } from '../db';
import { markdownToPlainText } from '../mail/text';
import { pageIdentity } from '../queries/identity';
import { maintenanceRevisions } from '../queries/revisions';
import { getMaintenanceList } from '../queries/public';
import { pageNameOf, pageSiteUrl, type PageScope } from '../queries/pages';

const RECENT = 50;

/** The calendar as text; stamps come from the rows, so an unchanged calendar renders byte-identical. */
export function renderMaintenanceCalendar(db: Db, now: number, page: PageScope): string {
  const siteUrl = pageSiteUrl(getConfig().siteUrl, page);
  // UIDs and PRODID come from the stored identity, so a new SITE_URL keeps every calendar entry
  const identity = pageIdentity(db, now);
  const uidHost = identity.tagAuthority.split(',')[0];
  const revisions = maintenanceRevisions(db);
  const pageName = pageNameOf(db, page);
  const list = getMaintenanceList(db, now, RECENT, page);
  const cal = ical({
    name: `${pageName} maintenance`,
    description: `Scheduled maintenance of ${pageName}`,
    prodId: { company: identity.pageId, product: 'status-page' },
    url: `${siteUrl}/maintenance`,
    ttl: 15 * 60,
  });
  for (const m of [...list.active, ...list.upcoming, ...list.past]) {
    const components = m.components.map((c) => c.name).join(', ');
    // paragraphs, lists and tables keep their lines, as in the e-mail's text part
    const text = markdownToPlainText(m.body);
    cal.createEvent({
      id: `maintenance-${m.id}@${uidHost}`,
      sequence: revisions.get(m.id) ?? 0,
      start: new Date(m.startedAt ?? m.scheduledFor),
      end: new Date(m.completedAt ?? m.scheduledUntil),
      stamp: new Date(m.updatedAt),
      created: new Date(m.createdAt),
      lastModified: new Date(m.updatedAt),
      summary: `Maintenance: ${m.title}`,
      description: [text, components ? `Affected: ${components}` : '', `Status: ${m.status.replace('_', ' ')}`].filter(Boolean).join('\n\n'),
      url: `${siteUrl}/maintenance/${m.id}`,
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
