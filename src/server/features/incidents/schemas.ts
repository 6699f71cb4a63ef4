/** The incident inputs, one schema each, read by both the admin forms and /api/v1 (field names follow Statuspage's). */
import { z } from 'zod';
import { IMPACTS, INCIDENT_STATUSES } from '../../../domain/enums';
import { componentRefList } from '../maintenance/schemas';
import { componentStatuses, flag, id, markdown, notifyFlag, optionalMarkdown, optionalText, text, time, withComponentFields } from '../fields';

const idempotencyKey = z.string().max(100).nullish();

/** Issue 24: the pages an incident is posted to only (ids: a JSON list or the form's checkboxes joined with ','); none = every page showing its components. */
const pageIds = z
  .preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s.trim() !== '') : (v ?? [])), z.array(id, { error: 'Send a list of page ids.' }).max(100, 'At most 100 pages.'))
  .transform((ids) => [...new Set(ids)]);

export const incidentCreateShape = (now: number) =>
  z.object({
    name: text(200, 'Title'),
    impact: z.enum(IMPACTS, { error: 'Choose an impact.' }),
    status: z.enum(INCIDENT_STATUSES, { error: 'Choose a status.' }),
    body: markdown(20_000, 'Message'),
    components: componentStatuses.default({}),
    started_at: time({ notAfter: now }),
    display_at: time({ notAfter: now }),
    draft: flag,
    deliver_notifications: notifyFlag,
    idempotency_key: idempotencyKey,
    pages: pageIds,
  });

export const IncidentCreate = (now: number) => z.preprocess(withComponentFields, incidentCreateShape(now));

export const incidentUpdateShape = (now: number) =>
  z.object({
    incident_id: id,
    status: z.enum(INCIDENT_STATUSES, { error: 'Choose a status.' }),
    body: markdown(20_000, 'Message'),
    components: componentStatuses.optional(),
    display_at: time({ notAfter: now }),
    deliver_notifications: notifyFlag,
    idempotency_key: idempotencyKey,
    /** On resolve: components whose hand-set status stays (the others' end with the incident). */
    keep_manual: componentRefList.optional(),
  });

export const IncidentUpdate = (now: number) => z.preprocess(withComponentFields, incidentUpdateShape(now));

export const UpdateEdit = z.object({ update_id: id, body: markdown(20_000, 'Message') });

export const Postmortem = z.object({ incident_id: id, postmortem: optionalMarkdown(200_000), publish: flag });

export const SlaExclusion = z.object({ incident_id: id, excluded_from_sla: flag, exclusion_reason: optionalText(500) });

export const IncidentRef = z.object({ incident_id: id });

export const IncidentDelete = z.object({ incident_id: id, confirm: z.literal('delete', { error: 'Type "delete" to confirm.' }) });

/** Title, impact and affected components of an incident, each optional (absent = unchanged). */
export const IncidentEdit = z
  .object({
    incident_id: id,
    name: text(200, 'Title').optional(),
    impact: z.enum(IMPACTS, { error: 'Choose an impact.' }).optional(),
    components: componentRefList.optional(),
  })
  .refine((d) => d.name !== undefined || d.impact !== undefined || d.components !== undefined, { message: 'Send name, impact or components.', path: ['name'] });

const blankAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const day = z.preprocess(blankAsUndefined, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-01.').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'Use a real date.').optional());

/** The admin incident list's filters (a GET form): title words, status, impact, component, started between two days, page. */
export const IncidentListFilter = z.object({
  q: z.preprocess(blankAsUndefined, z.string().trim().max(200, 'At most 200 characters.').optional()),
  status: z.preprocess(blankAsUndefined, z.enum(['open', 'draft', ...INCIDENT_STATUSES], { error: 'Choose a listed status.' }).optional()),
  impact: z.preprocess(blankAsUndefined, z.enum(IMPACTS, { error: 'Choose a listed impact.' }).optional()),
  component: z.preprocess(blankAsUndefined, id.optional()),
  from: day,
  to: day,
  page: z.preprocess(blankAsUndefined, id.max(100_000, 'No such page.').default(1)),
});
export type IncidentListFilter = z.output<typeof IncidentListFilter>;
