import type { APIRoute } from 'astro';
import { NOT_IN_API, VERBS, verbFields } from '../../../../server/features/all-verbs';
import { json, jsonError } from '../../../../server/http/api-response';
import { toJsonError } from '../../../../server/http/error-adapters';
import { readJsonObject } from '../../../../server/http/api-input';
import { verbResultJson } from '../../../../server/http/verb-result';

/** POST /api/v1/verbs/<verb>: any admin action through the same verb and schema as its form, awaited: its result or its error. */
export const POST: APIRoute = async ({ params, request, locals: { ctx } }) => {
  const name = params.name ?? '';
  const verb = VERBS.get(name);
  if (!verb || NOT_IN_API.has(name)) return jsonError(404, 'not_found', `No verb "${name}" in the API.`);
  try {
    const fields = verbFields(name, ctx) ?? [];
    const body = await readJsonObject(request, fields);
    // Awaited: an async verb's error (weak password, unknown user) must be the answer, not an unhandled rejection.
    return json(verbResultJson(await verb(ctx, body)));
  } catch (err) {
    return toJsonError(err);
  }
};
