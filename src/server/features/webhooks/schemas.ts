/** Webhook subscriber inputs (the /admin/webhooks forms); the service checks the URL itself. */
import { z } from 'zod';
import { id, optionalText } from '../fields';

export const WebhookAdd = z.object({
  url: z.string({ error: 'Enter the URL to POST to.' }).trim().min(1, 'Enter the URL to POST to.').max(2000, 'At most 2,000 characters.'),
  description: optionalText(200),
});

export const WebhookRef = z.object({ webhook_id: id });
