import type { APIRoute } from 'astro';
import { NotFoundError, ValidationError } from '../../../../../server/errors';
import { getIncidentForOperator, getIncidentRow } from '../../../../../server/features/incidents/queries';
import { json } from '../../../../../server/http/api-response';
import { toJsonError } from '../../../../../server/http/error-adapters';
import { idParam, readJsonObject } from '../../../../../server/http/api-input';
import { editIncident, setIncidentSlaExclusion } from '../../../../../server/features/incidents/verbs';
import { incidentJson } from '../../../../../server/http/api-views';
import { withTransaction } from '../../../../../server/features/verb';

export const GET: APIRoute = ({ params, locals: { ctx } }) => {
  try {
    const id = idParam(params.id);
    if (id === null) throw new NotFoundError('No such incident.');
    return json(incidentJson(getIncidentForOperator(ctx, id), getIncidentRow(ctx, id).draft));
  } catch (err) {
    return toJsonError(err);
  }
};

const EDIT_KEYS = ['name', 'impact', 'components'];

/** Title, impact, affected components and/or SLA exclusion of an incident (each audited), all or nothing. */
export const PATCH: APIRoute = async ({ params, request, locals: { ctx } }) => {
  try {
    const id = idParam(params.id);
    if (id === null) throw new NotFoundError('No such incident.');
    const body = await readJsonObject(request, ['excluded_from_sla', 'exclusion_reason', ...EDIT_KEYS]);
    const edits = EDIT_KEYS.some((k) => k in body);
    const sla = 'excluded_from_sla' in body || 'exclusion_reason' in body;
    if (!edits && !sla) throw new ValidationError('The request is invalid.', { name: 'Send name, impact, components or excluded_from_sla.' });
    if (sla && typeof body.excluded_from_sla !== 'boolean') throw new ValidationError('The request is invalid.', { excluded_from_sla: 'Send true or false.' });
    // One transaction: a part refused (403 scope, 422 input) undoes the parts before it.
    const row = withTransaction(ctx, () => {
      const edited = edits ? editIncident(ctx, { name: body.name, impact: body.impact, components: body.components, incident_id: id }) : undefined;
      return sla ? setIncidentSlaExclusion(ctx, { excluded_from_sla: body.excluded_from_sla, exclusion_reason: body.exclusion_reason, incident_id: id }) : edited!;
    });
    return json(incidentJson(getIncidentForOperator(ctx, id), row.draft));
  } catch (err) {
    return toJsonError(err);
  }
};
