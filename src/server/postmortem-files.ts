/** Post-mortems from content/postmortems merged with those written in the admin: one shape, one renderer. Astro routes only. */
import { getCollection } from 'astro:content';
import { renderMarkdown } from './markdown';

export interface Postmortem {
  incidentId: number;
  title: string;
  html: string;
  markdown: string;
  publishedAt: number;
  summary: string | null;
  source: 'file' | 'admin';
  key: string;
}

/** All file post-mortems, keyed by incident id. */
export async function filePostmortems(): Promise<Postmortem[]> {
  const entries = await getCollection('postmortems');
  return entries
    .filter((e) => /^\d+$/.test(String(e.data.incident)))
    .map((e) => ({
      incidentId: Number(e.data.incident),
      title: e.data.title,
      markdown: e.body ?? '',
      html: renderMarkdown(e.body ?? ''),
      publishedAt: e.data.published.getTime(),
      summary: e.data.summary ?? null,
      source: 'file' as const,
      key: `file:${e.id}`,
    }));
}

/** The post-mortem shown for an incident: the admin's published one wins over a file. */
export async function postmortemFor(incident: { id: number; title: string; postmortemMd: string | null; postmortemPublishedAt: number | null }, now: number): Promise<Postmortem | null> {
  if (incident.postmortemMd && incident.postmortemPublishedAt) {
    return {
      incidentId: incident.id,
      title: `Post-mortem: ${incident.title}`,
      markdown: incident.postmortemMd,
      html: renderMarkdown(incident.postmortemMd),
      publishedAt: incident.postmortemPublishedAt,
      summary: null,
      source: 'admin',
      key: `admin:${incident.id}`,
    };
  }
  const files = await filePostmortems();
  return files.find((f) => f.incidentId === incident.id && f.publishedAt <= now) ?? null;
}
