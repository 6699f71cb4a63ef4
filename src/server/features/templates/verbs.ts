/** Incident template verbs. */
import type { z } from 'zod';
import * as templates from '../../services/templates';
import { defineVerb } from '../verb';
import { TemplateCreate, TemplateRef, TemplateUpdate } from './schemas';

const inputOf = (d: z.output<typeof TemplateCreate>): templates.TemplateInput => ({
  name: d.name,
  title: d.title,
  body: d.body,
  impact: d.impact,
  status: d.status,
  components: d.components,
  notify: d.deliver_notifications,
});

export const createTemplate = defineVerb('template.create', 'template.create', TemplateCreate, (ctx, d) => templates.createTemplate(ctx.db, inputOf(d), ctx.actor, ctx.now));

export const updateTemplate = defineVerb('template.update', 'template.update', TemplateUpdate, (ctx, d) => templates.updateTemplate(ctx.db, d.template_id, inputOf(d), ctx.actor, ctx.now));

export const deleteTemplate = defineVerb('template.delete', 'template.delete', TemplateRef, (ctx, d) => templates.deleteTemplate(ctx.db, d.template_id, ctx.actor, ctx.now));
