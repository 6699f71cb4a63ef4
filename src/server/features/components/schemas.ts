/** Component and group inputs, shared by the admin forms and /api/v1/components. */
import { z } from 'zod';
import { COMPONENT_STATUSES } from '../../../domain/enums';
import { MAX_SLUG_LENGTH, STRICT_SLUG_PATTERN } from '../../../domain/slug';
import { id, optionalFlag, optionalId, optionalMarkdown, optionalNumber, optionalText, text, time } from '../fields';

const slug = z.preprocess(
  (v) => (v === '' ? null : v),
  z
    .string()
    .trim()
    .max(MAX_SLUG_LENGTH, `At most ${MAX_SLUG_LENGTH} characters.`)
    .regex(STRICT_SLUG_PATTERN, 'Lowercase letters, digits and dashes only.')
    .nullish(),
);

const componentFields = (now: number) => ({
  name: text(100, 'Name'),
  slug,
  description: optionalText(500),
  group_id: optionalId('Choose a group.'),
  target: optionalNumber('a percentage like 99.9', 0, 100),
  visible: optionalFlag,
  /** Show uptime bars on the public page (Statuspage's `showcase`). */
  showcase: optionalFlag,
  start_date: time({ notAfter: now, dateAlone: true }),
});

export const ComponentCreate = (now: number) => z.object(componentFields(now));

const { start_date: _unused, ...editable } = componentFields(0);
export const ComponentEdit = z.object({ component_id: id, ...editable, name: editable.name.optional() });

export const ComponentRef = z.object({ component_id: id });

/**
 * "" or "automatic" returns the component to its monitors. With `incident_id`, the status is posted as an update of
 * that open incident (with `body`, or a one-line message naming it) instead of being set by hand.
 */
export const ComponentStatusInput = z.object({
  component_id: id,
  status: z.enum(['', 'automatic', ...COMPONENT_STATUSES], { error: 'Choose a status.' }),
  incident_id: optionalId('Choose an incident.'),
  body: optionalMarkdown(20_000).optional(),
});

export const ComponentMove = z.object({ component_id: id, direction: z.enum(['up', 'down'], { error: 'Choose up or down.' }) });

export const GroupCreate = z.object({ name: text(100, 'Group name'), description: optionalText(500) });

export const GroupEdit = z.object({ group_id: id, name: text(100, 'Group name'), description: optionalText(500) });

export const GroupRef = z.object({ group_id: id });
