import type { APIRoute } from 'astro';
import { actorOf, requireRole } from '../../../../server/auth/permissions';
import { getDb } from '../../../../server/db';
import { errorResponse, json } from '../../../../server/http/api-response';
import { readJson } from '../../../../server/http/api-input';
import { slaSettingsPatchBody } from '../../../../server/http/api-schemas';
import { slaSettingsJson } from '../../../../server/http/api-views';
import { getSettings } from '../../../../server/queries/settings';
import { patchSlaSettings } from '../../../../server/services/sla-settings';

/** Everything the SLA admin form shows: credit tiers, maintenance allowance, response targets, reporting zone. */
export const GET: APIRoute = ({ locals }) => {
  try {
    requireRole(locals, 'editor');
    return json(slaSettingsJson(getSettings(getDb())));
  } catch (err) {
    return errorResponse(err);
  }
};

export const PATCH: APIRoute = async ({ request, locals }) => {
  try {
    requireRole(locals, 'admin');
    const patch = await readJson(request, slaSettingsPatchBody);
    return json(slaSettingsJson(patchSlaSettings(getDb(), patch, actorOf(locals, locals.ip), Date.now())));
  } catch (err) {
    return errorResponse(err);
  }
};
