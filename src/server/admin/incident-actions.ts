/** The POST actions of /admin/incidents/[id]: each validates its form and calls one service verb. */
import type { Db } from '../db';
import { AppError } from '../errors';
import { actorOf, requireAction } from '../auth/permissions';
import { formFailure, parseForm, type FormState } from '../http/forms';
import { deleteIncident, editUpdateBody, postUpdate, publishIncident, savePostmortem, setSlaExclusion } from '../services/incidents';
import { componentStatusesFrom, EditUpdateForm, PostmortemForm, SlaForm, UpdateForm } from './incident-forms';

export type IncidentAction = 'update' | 'edit' | 'postmortem' | 'sla' | 'delete' | 'publish';

export interface ActionResult {
  redirect?: string;
  action?: IncidentAction;
  form?: FormState<unknown>;
  status?: number;
}

type Locals = App.Locals;

/** Runs the action named by the form's `_action` field. */
export function runIncidentAction(db: Db, id: number, fd: FormData, locals: Locals, ip: string | null): ActionResult {
  const action = String(fd.get('_action') ?? 'update') as IncidentAction;
  const now = Date.now();
  const base = `/admin/incidents/${id}`;
  let form: FormState<unknown> = { values: {}, errors: {}, formError: null, data: null };
  try {
    requireAction(locals, `incident.${action}`);
    const actor = actorOf(locals, ip);
    switch (action) {
      case 'update': {
        const f = parseForm(UpdateForm, fd);
        const comps = componentStatusesFrom(f.values);
        form = { ...f, errors: { ...f.errors, ...comps.errors } };
        if (!f.data || Object.keys(comps.errors).length) return { action, form: { ...form, formError: 'Please correct the fields marked below.' } };
        postUpdate(db, id, { status: f.data.status, body: f.data.body, components: comps.statuses, displayAt: f.data.display_at, formToken: f.data.formToken }, actor, now);
        return { redirect: `${base}?ok=update` };
      }
      case 'edit': {
        const f = (form = parseForm(EditUpdateForm, fd));
        if (!f.data) return { action, form };
        editUpdateBody(db, f.data.update_id, f.data.body, actor, now);
        return { redirect: `${base}?ok=edit` };
      }
      case 'postmortem': {
        const f = (form = parseForm(PostmortemForm, fd));
        if (!f.data) return { action, form };
        savePostmortem(db, id, f.data.postmortem, f.data.publish, actor, now);
        return { redirect: `${base}?ok=${f.data.publish ? 'postmortem-published' : 'postmortem-saved'}` };
      }
      case 'sla': {
        const f = (form = parseForm(SlaForm, fd));
        if (!f.data) return { action, form };
        setSlaExclusion(db, id, f.data.excluded, f.data.exclusion_reason, actor, now);
        return { redirect: `${base}?ok=sla` };
      }
      case 'delete':
        if (fd.get('confirm') !== 'delete') return { action, form: { ...form, errors: { confirm: 'Type "delete" to confirm.' }, formError: 'Deletion not confirmed.' } };
        deleteIncident(db, id, actor, now);
        return { redirect: '/admin?ok=deleted' };
      case 'publish':
        publishIncident(db, id, actor, now);
        return { redirect: `${base}?ok=published` };
      default:
        return { action: 'update', form: { ...form, formError: 'Unknown action.' } };
    }
  } catch (err) {
    return { action, form: formFailure(form, err), status: err instanceof AppError ? err.status : 422 };
  }
}
