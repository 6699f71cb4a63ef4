/** Incident template inputs (the /admin/templates forms and /api/v1): the whole first update, ready to declare. */
import { z } from 'zod';
import { IMPACTS, INCIDENT_STATUSES } from '../../../domain/enums';
import { componentStatuses, id, markdown, notifyFlag, text, withComponentFields } from '../fields';

const templateFields = {
  name: text(100, 'Name'),
  title: text(200, 'Title'),
  body: markdown(20_000, 'Message'),
  impact: z.enum(IMPACTS, { error: 'Choose an impact.' }),
  status: z.enum(INCIDENT_STATUSES, { error: 'Choose a status.' }).default('investigating'),
  /** component id or slug → status; the form's `component_<id>` selects fold into it. */
  components: componentStatuses.default({}),
  deliver_notifications: notifyFlag,
};

export const TemplateCreate = z.preprocess(withComponentFields, z.object(templateFields));

export const TemplateUpdate = z.preprocess(withComponentFields, z.object({ template_id: id, ...templateFields }));

export const TemplateRef = z.object({ template_id: id });
