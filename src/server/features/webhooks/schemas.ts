/** Webhook subscriber inputs (the /admin/webhooks forms); the service checks the URL itself. */
import { z } from 'zod';
import { WEBHOOK_FORMATS } from '../../../domain/enums';
import { id, optionalText } from '../fields';
import { email } from '../subscribers/schemas';

const idList = z
  .preprocess((v) => (typeof v === 'string' ? v.split(',').filter((x) => x.trim() !== '') : (v ?? [])), z.array(z.coerce.number({ error: 'Choose listed components.' }).int().positive(), { error: 'Choose listed components.' }).max(500))
  .default([]);

export const WebhookAdd = z.object({
  url: z.string({ error: 'Enter the URL to POST to.' }).trim().min(1, 'Enter the URL to POST to.').max(2000, 'At most 2,000 characters.'),
  description: optionalText(200),
  format: z.enum(WEBHOOK_FORMATS, { error: 'Choose Statuspage JSON, Slack, Discord or Teams.' }).default('statuspage'),
  /** Components and whole groups; neither means everything, including components added later. */
  components: idList,
  groups: idList,
});

export const WebhookRef = z.object({ webhook_id: id });

/** A channel's name and the components it follows (the URL and kind stay: remove and add to change them). */
export const WebhookEdit = z.object({ webhook_id: id, description: WebhookAdd.shape.description, components: idList, groups: idList });

/** The public form: the endpoint and (required when SMTP is set; the service checks) an address for failure notices. */
export const WebhookSubscribe = z.object({
  url: WebhookAdd.shape.url,
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), email.optional()),
});

export const WebhookLink = z.object({ token: z.string({ error: 'This link is incomplete.' }).trim().min(1, 'This link is incomplete.').max(300, 'This link is not valid.') });
