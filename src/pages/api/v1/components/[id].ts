import type { APIRoute } from 'astro';
import { z } from 'zod';
import { COMPONENT_STATUSES } from '../../../../domain/enums';
import { actorOf, requireAction } from '../../../../server/auth/permissions';
import { getDb, tx } from '../../../../server/db';
import { errorResponse, json } from '../../../../server/http/api-response';
import { readJson } from '../../../../server/http/api-input';
import { componentJson } from '../../../../server/http/api-views';
import { requireComponent, setComponentStatus, updateComponent } from '../../../../server/services/components';

const Patch = z.strictObject({
  status: z.enum([...COMPONENT_STATUSES, 'automatic']).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(500).nullable().optional(),
  group_id: z.number().int().positive().nullable().optional(),
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(60).optional(),
  target: z.number().min(0).max(100).optional(),
  showcase: z.boolean().optional(),
});

export const GET: APIRoute = ({ params }) => {
  try {
    return json(componentJson(requireComponent(getDb(), params.id ?? '')));
  } catch (err) {
    return errorResponse(err);
  }
};

/** {status} alone needs an editor; other fields edit the component (admins and API keys). */
export const PATCH: APIRoute = async ({ params, request, locals }) => {
  try {
    const db = getDb();
    const b = await readJson(request, Patch);
    const { status, ...fields } = b;
    const editing = Object.values(fields).some((v) => v !== undefined);
    requireAction(locals, editing ? 'component.edit' : 'component.status');
    const actor = actorOf(locals, locals.ip);
    const now = Date.now();
    const c = requireComponent(db, params.id ?? '');
    const after = tx(db, () => {
      if (editing) updateComponent(db, c.id, { name: fields.name, description: fields.description, groupId: fields.group_id, slug: fields.slug, target: fields.target, visible: fields.showcase }, actor, now);
      if (status) setComponentStatus(db, c.id, status === 'automatic' ? null : status, actor, now);
      return requireComponent(db, c.id);
    });
    return json(componentJson(after));
  } catch (err) {
    return errorResponse(err);
  }
};
