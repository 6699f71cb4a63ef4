/** POST actions of /admin/components and /admin/components/[id]. */
import { z } from 'zod';
import { COMPONENT_STATUSES } from '../../domain/enums';
import { actorOf, requireAction } from '../auth/permissions';
import type { Db } from '../db';
import { AppError } from '../errors';
import { checkbox, optionalText, optionalTime, text } from '../http/admin-page';
import { formFailure, parseForm, type FormState } from '../http/forms';
import { createComponent, createGroup, deleteComponent, deleteGroup, moveComponent, setComponentStatus, updateComponent, updateGroup } from '../services/components';

const id = z.coerce.number().int().positive();
const groupId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .refine((v) => v === null || Number.isInteger(v), 'Choose a group.');
const target = z.coerce.number({ error: 'Enter a percentage like 99.9.' }).min(0, 'Between 0 and 100.').max(100, 'Between 0 and 100.');
const slug = z
  .string()
  .trim()
  .max(60)
  .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'Lowercase letters, digits and dashes only.')
  .optional()
  .transform((v) => v || null);

export const ComponentForm = z.object({ name: text(100, 'Name'), slug, description: optionalText(500), group_id: groupId, target, visible: checkbox, start_date: optionalTime });
const StatusForm = z.object({ id, status: z.enum(['', ...COMPONENT_STATUSES], { error: 'Choose a status.' }) });
const MoveForm = z.object({ id, direction: z.enum(['up', 'down']) });
const GroupForm = z.object({ name: text(100, 'Group name'), description: optionalText(500) });

export interface ComponentActionResult {
  redirect?: string;
  action?: string;
  form?: FormState<unknown>;
  status?: number;
}

/** Runs the action named by `_action`; `componentId` comes from the route for edit/delete. */
export function runComponentAction(db: Db, fd: FormData, locals: App.Locals, ip: string | null, componentId?: number): ComponentActionResult {
  const action = String(fd.get('_action') ?? '');
  const now = Date.now();
  let form: FormState<unknown> = { values: Object.fromEntries([...fd.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>, errors: {}, formError: null, data: null };
  try {
    const perm = { status: 'component.status', create: 'component.create', edit: 'component.edit', delete: 'component.delete', move: 'component.move', 'group-create': 'group.create', 'group-edit': 'group.edit', 'group-delete': 'group.delete' }[action];
    if (!perm) return { action, form: { ...form, formError: 'Unknown action.' } };
    requireAction(locals, perm);
    const actor = actorOf(locals, ip);
    if (action === 'status') {
      const f = (form = parseForm(StatusForm, fd));
      if (!f.data) return { action, form };
      setComponentStatus(db, f.data.id, f.data.status || null, actor, now);
      return { redirect: '/admin/components?ok=status' };
    }
    if (action === 'create' || action === 'edit') {
      const f = (form = parseForm(ComponentForm, fd));
      if (!f.data) return { action, form };
      const d = f.data;
      const input = { name: d.name, slug: d.slug, description: d.description, groupId: d.group_id, target: d.target, visible: d.visible };
      if (action === 'create') createComponent(db, { ...input, startDate: d.start_date }, actor, now);
      else updateComponent(db, componentId!, input, actor, now);
      return { redirect: `/admin/components?ok=${action}` };
    }
    if (action === 'delete') {
      deleteComponent(db, componentId!, actor, now);
      return { redirect: '/admin/components?ok=delete' };
    }
    if (action === 'move') {
      const f = (form = parseForm(MoveForm, fd));
      if (!f.data) return { action, form };
      moveComponent(db, f.data.id, f.data.direction, actor, now);
      return { redirect: '/admin/components?ok=move' };
    }
    if (action === 'group-delete') {
      const f = parseForm(z.object({ id }), fd);
      if (f.data) deleteGroup(db, f.data.id, actor, now);
      return { redirect: '/admin/components?ok=group-delete' };
    }
    const f = (form = parseForm(GroupForm, fd));
    if (!f.data) return { action, form };
    if (action === 'group-create') createGroup(db, f.data, actor, now);
    else updateGroup(db, Number(fd.get('id')), f.data, actor, now);
    return { redirect: `/admin/components?ok=${action}` };
  } catch (err) {
    return { action, form: formFailure(form, err), status: err instanceof AppError ? err.status : 422 };
  }
}
