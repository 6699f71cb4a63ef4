/** Maintenance inputs, shared by /admin/maintenance and /api/v1/maintenances (the API's field names). */
import { z } from 'zod';
import { flag, id, markdown, notifyFlag, optionalFlag, optionalMarkdown, optionalNumber, requiredTime, text } from '../fields';

const componentRef = z.union([z.number().int().positive(), z.string().trim().min(1).max(100)]);

/** Component ids or slugs: a JSON array, or the form's repeated checkboxes joined with ','. Errors land on `components`. */
export const componentRefList = z
  .preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter((s) => s.trim() !== '') : v),
    z
      .array(z.unknown(), { error: 'Send a list of component ids or slugs.' })
      .max(500, 'At most 500 components.')
      .transform((list, c) => {
        const refs = list.map((v) => componentRef.safeParse(v));
        if (refs.every((r) => r.success)) return refs.map((r) => r.data);
        c.addIssue({ code: 'custom', message: 'Choose listed components (ids or slugs).' });
        return z.NEVER;
      }),
  );
const componentRefs = componentRefList.default([]);

const windowFields = {
  name: text(200, 'Title'),
  body: optionalMarkdown(20_000).default(''),
  scheduled_for: requiredTime(),
  scheduled_until: requiredTime(),
  components: componentRefs,
  /** Statuspage's name; `notify` is the older spelling kept for existing clients. */
  deliver_notifications: notifyFlag,
  notify: notifyFlag,
  /** Minutes before the start to remind subscribers (Statuspage's scheduled_remind_prior); 0 = no reminder. */
  scheduled_remind_prior: optionalNumber('the reminder in minutes', 0, 10_080),
};

export const MaintenanceCreate = z.object({
  ...windowFields,
  /** The admin form sends it (unchecked = ""): a window in the past or longer than a week then needs a tick. The API omits it. */
  confirm_window: optionalFlag,
});

export const MaintenanceRef = z.object({ maintenance_id: id });

export const MaintenanceExtend = z.object({ maintenance_id: id, scheduled_until: requiredTime() });

/** Off unless asked (an edit is news only when the operator says so); the form's hidden "off" comes first, the last value wins. */
const askedFlag = z.preprocess((v) => (typeof v === 'string' && v.includes(',') ? v.slice(v.lastIndexOf(',') + 1) : v), flag);

/** Any field of a window that has not started; the notify flags say whether subscribers hear of the change. */
export const MaintenanceEdit = z.object({
  maintenance_id: id,
  // Absent fields keep their value (an API client may send only what changes); the form sends them all.
  name: windowFields.name.optional(),
  body: optionalMarkdown(20_000).optional(),
  scheduled_for: requiredTime().optional(),
  scheduled_until: requiredTime().optional(),
  components: componentRefList.optional(),
  scheduled_remind_prior: windowFields.scheduled_remind_prior,
  deliver_notifications: askedFlag,
  notify: askedFlag,
});

/** A progress note while the window runs. */
export const MaintenanceUpdatePost = z.object({ maintenance_id: id, body: markdown(20_000, 'Message'), deliver_notifications: notifyFlag, idempotency_key: z.string().max(100).nullish() });
