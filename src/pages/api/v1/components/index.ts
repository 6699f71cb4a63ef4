import type { APIRoute } from 'astro';
import { z } from 'zod';
import { actorOf, requireAction } from '../../../../server/auth/permissions';
import { getDb } from '../../../../server/db';
import { errorResponse, json } from '../../../../server/http/api-response';
import { pastDateOrTime, readJson } from '../../../../server/http/api-input';
import { componentJson } from '../../../../server/http/api-views';
import { listComponentsAdmin } from '../../../../server/queries/admin';
import { createComponent } from '../../../../server/services/components';

export const GET: APIRoute = () => json(listComponentsAdmin(getDb()).map(componentJson));

export const POST: APIRoute = async ({ request, locals }) => {
  try {
    requireAction(locals, 'component.create');
    const now = Date.now();
    const body = await readJson(
      request,
      z.strictObject({
        name: z.string().trim().min(1).max(100),
        description: z.string().max(500).nullish(),
        group_id: z.number().int().positive().nullish(),
        slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(60).nullish(),
        start_date: pastDateOrTime(now).nullish(),
        target: z.number().min(0).max(100).optional(),
        showcase: z.boolean().optional(),
      }),
    );
    const c = createComponent(getDb(), { name: body.name, description: body.description, groupId: body.group_id, slug: body.slug, startDate: body.start_date, target: body.target, visible: body.showcase }, actorOf(locals, locals.ip), now);
    return json(componentJson(c), 201);
  } catch (err) {
    return errorResponse(err);
  }
};
