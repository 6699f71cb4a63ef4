/** Incident templates through Statuspage's management API (list, create), through our template verb. */
import { spBoolean } from '../../domain/statuspage-write';
import { authorize } from '../auth/permissions';
import { ValidationError } from '../errors';
import { createTemplate } from '../features/templates/verbs';
import type { VerbContext } from '../features/verb';
import { listTemplates, type TemplateRow } from '../services/templates';
import { readSpBody } from './body';

const FIELDS = [
  'name',
  'title',
  'body',
  'group_id',
  'update_status',
  'should_tweet',
  'should_send_notifications',
  'component_ids',
] as const;

function templateJson(t: TemplateRow) {
  return {
    id: String(t.id),
    components: [],
    name: t.name,
    title: t.title,
    body: t.body,
    group_id: null,
    update_status: 'investigating',
    should_tweet: false,
    should_send_notifications: true,
  };
}

export function listSpTemplates(ctx: VerbContext) {
  authorize(ctx.actor, 'admin.open');
  return listTemplates(ctx.db).map(templateJson);
}

/** Our templates hold a title, a message and an impact (none here: Statuspage's have none); the other options are refused when asked for. */
export async function createSpTemplate(ctx: VerbContext, request: Request) {
  const body = await readSpBody(request, 'template', FIELDS);
  const refused: Record<string, string> = {};
  if (body.update_status !== undefined && body.update_status !== 'investigating')
    refused['template.update_status'] = 'Templates here start an incident as investigating.';
  if (body.should_tweet !== undefined && spBoolean(body.should_tweet) !== false)
    refused['template.should_tweet'] = 'Twitter is not supported by this server.';
  if (body.should_send_notifications !== undefined && spBoolean(body.should_send_notifications) !== true)
    refused['template.should_send_notifications'] = 'Templates here always leave notifications on.';
  if (body.group_id || (Array.isArray(body.component_ids) ? body.component_ids.length : body.component_ids))
    refused['template.component_ids'] = 'Templates here do not choose components.';
  if (Object.keys(refused).length)
    throw new ValidationError('The request asks for something this server does not support.', refused);
  return templateJson(createTemplate(ctx, { name: body.name, title: body.title, body: body.body, impact: 'none' }));
}
