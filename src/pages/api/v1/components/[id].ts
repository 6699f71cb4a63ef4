import type { APIRoute } from 'astro';
import { ComponentEdit } from '../../../../server/features/components/schemas';
import { getComponentForOperator } from '../../../../server/features/components/queries';
import { editComponent, setComponentStatus } from '../../../../server/features/components/verbs';
import { withTransaction } from '../../../../server/features/verb';
import { json } from '../../../../server/http/api-response';
import { toJsonError } from '../../../../server/http/error-adapters';
import { readJsonObject } from '../../../../server/http/api-input';
import { componentJson } from '../../../../server/http/api-views';

const KEYS = [...Object.keys(ComponentEdit.shape).filter((k) => k !== 'component_id'), 'status'];

export const GET: APIRoute = ({ params, locals: { ctx } }) => {
  try {
    return json(componentJson(getComponentForOperator(ctx, params.id ?? '')));
  } catch (err) {
    return toJsonError(err);
  }
};

/** {status} alone needs an editor; other fields edit the component (admins and API keys). Both or neither. */
export const PATCH: APIRoute = async ({ params, request, locals: { ctx } }) => {
  try {
    const { status, ...fields } = await readJsonObject(request, KEYS);
    const c = getComponentForOperator(ctx, params.id ?? '');
    const editing = Object.values(fields).some((v) => v !== undefined);
    withTransaction(ctx, () => {
      if (editing) editComponent(ctx, { ...fields, component_id: c.id });
      if (status !== undefined) setComponentStatus(ctx, { component_id: c.id, status });
    });
    return json(componentJson(getComponentForOperator(ctx, String(c.id))));
  } catch (err) {
    return toJsonError(err);
  }
};
