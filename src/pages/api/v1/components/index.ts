import type { APIRoute } from 'astro';
import { ComponentCreate } from '../../../../server/features/components/schemas';
import { createComponent } from '../../../../server/features/components/verbs';
import { listComponentsForOperator } from '../../../../server/features/components/queries';
import { json } from '../../../../server/http/api-response';
import { toJsonError } from '../../../../server/http/error-adapters';
import { readJsonObject } from '../../../../server/http/api-input';
import { componentJson } from '../../../../server/http/api-views';

const KEYS = Object.keys(ComponentCreate(0).shape);

export const GET: APIRoute = ({ locals: { ctx } }) => {
  try {
    return json(listComponentsForOperator(ctx).map(componentJson));
  } catch (err) {
    return toJsonError(err);
  }
};

export const POST: APIRoute = async ({ request, locals: { ctx } }) => {
  try {
    return json(componentJson(createComponent(ctx, await readJsonObject(request, KEYS))), 201);
  } catch (err) {
    return toJsonError(err);
  }
};
