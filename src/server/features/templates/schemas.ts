/** Incident template inputs (the /admin/templates forms). */
import { z } from 'zod';
import { IMPACTS } from '../../../domain/enums';
import { id, markdown, text } from '../fields';

const templateFields = {
  name: text(100, 'Name'),
  title: text(200, 'Title'),
  body: markdown(20_000, 'Message'),
  impact: z.enum(IMPACTS, { error: 'Choose an impact.' }),
};

export const TemplateCreate = z.object(templateFields);

export const TemplateUpdate = z.object({ template_id: id, ...templateFields });

export const TemplateRef = z.object({ template_id: id });
