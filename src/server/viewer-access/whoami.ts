/** /access/whoami: the gate applied to one page, answering who the viewer is (until pages wire checkViewer in). */
import { NotFoundError } from '../errors';
import { json } from '../http/api-response';
import type { VerbContext } from '../features/verb';
import { checkViewer } from './check-viewer';
import { readAccessConfig } from './config';
import { accessPageIdOf } from './http';

export function whoami(request: Request, ctx: VerbContext): Response {
  const url = new URL(request.url);
  const config = ctx.page ? readAccessConfig(ctx.db, accessPageIdOf(ctx.page, url) ?? '') : null;
  if (!config) throw new NotFoundError('No such private page.');
  const check = checkViewer(request, config, { db: ctx.db, now: ctx.now, ip: ctx.actor.ip ?? null });
  if (!check.allowed) return check.response;
  const res = json({ page: config.pageId, viewer: check.viewer });
  for (const [k, v] of Object.entries(check.headers)) res.headers.set(k, v);
  return res;
}
