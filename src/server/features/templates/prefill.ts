/** A template as the incident form's values: what "Use template" fills in, with or without JavaScript. */
import { templateComponents, type TemplateRow } from '../../services/templates';
import { COMPONENT_FIELD_PREFIX } from '../fields';

/** The declare-incident form's field values a template sets (title, message, impact, status, component selects, notify). */
export function templateFormValues(t: TemplateRow): Record<string, string> {
  return {
    name: t.title,
    body: t.body,
    impact: t.impact,
    status: t.status,
    deliver_notifications: t.notify ? 'on' : 'off',
    ...Object.fromEntries(Object.entries(templateComponents(t)).map(([id, s]) => [`${COMPONENT_FIELD_PREFIX}${id}`, s])),
  };
}

/** Every template's values for public/js/template-apply.js, as JSON safe inside a <script type="application/json">. */
export function templatesJson(list: TemplateRow[]): string {
  return JSON.stringify(Object.fromEntries(list.map((t) => [t.id, templateFormValues(t)]))).replace(/</g, '\\u003c');
}
