/** Incident updates' text and post-mortems through Statuspage's management API, through our incident verbs. */
import { spBoolean } from '../../domain/statuspage-write';
import { ValidationError } from '../errors';
import { getIncidentForOperator, getIncidentRow } from '../features/incidents/queries';
import { editIncidentUpdate, saveIncidentPostmortem } from '../features/incidents/verbs';
import type { VerbContext } from '../features/verb';
import { readSpBody } from './body';
import { requireSpId } from './ids';
import { getSpIncident } from './incidents';
import type { SpPageRef } from './page';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** PATCH/PUT …/incidents/{id}/incident_updates/{update_id}: its message is corrected (audited); the rest of an update is history. */
export async function editSpIncidentUpdate(
  ctx: VerbContext,
  page: SpPageRef,
  incidentRaw: string,
  updateRaw: string,
  request: Request,
) {
  const body = await readSpBody(request, 'incident_update', [
    'body',
    'wants_twitter_update',
    'display_at',
    'deliver_notifications',
  ]);
  const other = ['display_at', 'deliver_notifications', 'wants_twitter_update'].filter(
    (k) => body[k] !== undefined && spBoolean(body[k]) !== false,
  );
  if (other.length)
    throw new ValidationError(
      'The request asks for something this server does not support.',
      Object.fromEntries(
        other.map((k) => [`incident_update.${k}`, 'Only the message of a posted update can be changed here.']),
      ),
    );
  const incidentId = requireSpId('incident', incidentRaw);
  const updateId = requireSpId('incident', updateRaw);
  if (!getIncidentForOperator(ctx, incidentId).updates.some((u) => u.id === updateId))
    throw new ValidationError('The request is invalid.', {
      incident_update_id: 'This update belongs to another incident.',
    });
  if (body.body !== undefined) editIncidentUpdate(ctx, { update_id: updateId, body: body.body });
  const incident = getSpIncident(ctx, page, incidentRaw);
  return incident.incident_updates.find((u) => u.id === String(updateId));
}

/** Our post-mortem is one text, published or not: Statuspage's draft and published body are both that text. */
export function getSpPostmortem(ctx: VerbContext, incidentRaw: string) {
  const row = getIncidentRow(ctx, requireSpId('incident', incidentRaw));
  const at = iso(row.postmortemUpdatedAt);
  return {
    preview_key: null,
    body: row.postmortemPublishedAt !== null ? row.postmortemMd : null,
    body_updated_at: at,
    body_draft: row.postmortemMd,
    body_draft_updated_at: at,
    published_at: iso(row.postmortemPublishedAt),
    notify_subscribers: true,
    notify_twitter: false,
    custom_tweet: null,
    created_at: at,
    updated_at: at,
  };
}

/** PUT …/postmortem: saves the text; a published post-mortem stays published (so the change shows at once). */
export async function putSpPostmortem(ctx: VerbContext, incidentRaw: string, request: Request) {
  const body = await readSpBody(request, 'postmortem', ['body_draft']);
  const id = requireSpId('incident', incidentRaw);
  saveIncidentPostmortem(ctx, {
    incident_id: id,
    postmortem: body.body_draft,
    publish: getIncidentRow(ctx, id).postmortemPublishedAt !== null,
  });
  return getSpPostmortem(ctx, incidentRaw);
}

/** PUT …/postmortem/publish; subscribers are told on the first publication (not optional here). */
export async function publishSpPostmortem(ctx: VerbContext, incidentRaw: string, request: Request) {
  const body = await readSpBody(request, 'postmortem', ['notify_subscribers', 'notify_twitter', 'custom_tweet']);
  const refused: Record<string, string> = {};
  if (spBoolean(body.notify_subscribers) === false)
    refused['postmortem.notify_subscribers'] = 'Subscribers are always told of a first publication here.';
  if (body.notify_twitter !== undefined && spBoolean(body.notify_twitter) !== false)
    refused['postmortem.notify_twitter'] = 'Twitter is not supported by this server.';
  if (body.custom_tweet) refused['postmortem.custom_tweet'] = 'Twitter is not supported by this server.';
  if (Object.keys(refused).length)
    throw new ValidationError('The request asks for something this server does not support.', refused);
  const id = requireSpId('incident', incidentRaw);
  const row = getIncidentRow(ctx, id);
  if (!row.postmortemMd?.trim())
    throw new ValidationError('The request is invalid.', {
      'postmortem.body_draft': 'Write the post-mortem before publishing it.',
    });
  saveIncidentPostmortem(ctx, { incident_id: id, postmortem: row.postmortemMd, publish: true });
  return getSpPostmortem(ctx, incidentRaw);
}

/** PUT …/postmortem/revert: unpublished, its text kept as the draft. */
export function revertSpPostmortem(ctx: VerbContext, incidentRaw: string) {
  const id = requireSpId('incident', incidentRaw);
  saveIncidentPostmortem(ctx, {
    incident_id: id,
    postmortem: getIncidentRow(ctx, id).postmortemMd ?? '',
    publish: false,
  });
  return getSpPostmortem(ctx, incidentRaw);
}

/** DELETE …/postmortem: unpublished and emptied. */
export function deleteSpPostmortem(ctx: VerbContext, incidentRaw: string): void {
  saveIncidentPostmortem(ctx, { incident_id: requireSpId('incident', incidentRaw), postmortem: '', publish: false });
}
