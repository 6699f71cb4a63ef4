/** Incident template verbs. */
import * as templates from '../../services/templates';
import { defineVerb } from '../verb';
import { TemplateCreate, TemplateRef, TemplateUpdate } from './schemas';

export const createTemplate = defineVerb('template.create', 'template.create', TemplateCreate, (ctx, d) => templates.createTemplate(ctx.db, d, ctx.actor, ctx.now));

export const updateTemplate = defineVerb('template.update', 'template.update', TemplateUpdate, (ctx, { template_id, ...d }) => templates.updateTemplate(ctx.db, template_id, d, ctx.actor, ctx.now));

export const deleteTemplate = defineVerb('template.delete', 'template.delete', TemplateRef, (ctx, d) => templates.deleteTemplate(ctx.db, d.template_id, ctx.actor, ctx.now));
