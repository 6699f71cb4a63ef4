import type { APIRoute } from 'astro';
import { getSlaSettingsForOperator } from '../../../../server/features/settings/queries';
import { patchSlaSettings } from '../../../../server/features/settings/verbs';
import { json } from '../../../../server/http/api-response';
import { toJsonError } from '../../../../server/http/error-adapters';
import { readJsonObject } from '../../../../server/http/api-input';
import { SlaSettingsPatch } from '../../../../server/features/settings/schemas';
import { slaSettingsJson } from '../../../../server/http/api-views';

const KEYS = Object.keys(SlaSettingsPatch.shape);

/** Everything the SLA admin form shows: credit tiers, maintenance allowance, response targets, reporting zone. */
export const GET: APIRoute = ({ locals: { ctx } }) => {
  try {
    return json(slaSettingsJson(getSlaSettingsForOperator(ctx)));
  } catch (err) {
    return toJsonError(err);
  }
};

export const PATCH: APIRoute = async ({ request, locals: { ctx } }) => {
  try {
    return json(slaSettingsJson(patchSlaSettings(ctx, await readJsonObject(request, KEYS))));
  } catch (err) {
    return toJsonError(err);
  }
};
