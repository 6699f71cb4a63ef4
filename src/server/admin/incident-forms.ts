/** Form schemas and field helpers of the incident pages. */
import { z } from 'zod';
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, type ComponentStatus } from '../../domain/enums';
import { checkbox, optionalText, optionalTime, text } from '../http/admin-page';

export const COMPONENT_FIELD_PREFIX = 'component_';

const formToken = z.string().max(100).optional();

export const NewIncidentForm = z.object({
  title: text(200, 'Title'),
  impact: z.enum(IMPACTS, { error: 'Choose an impact.' }),
  status: z.enum(INCIDENT_STATUSES, { error: 'Choose a status.' }),
  body: text(20_000, 'Message'),
  started_at: optionalTime,
  draft: checkbox,
  formToken,
});

export const UpdateForm = z.object({
  status: z.enum(INCIDENT_STATUSES, { error: 'Choose a status.' }),
  body: text(20_000, 'Message'),
  display_at: optionalTime,
  formToken,
});

export const EditUpdateForm = z.object({ update_id: z.coerce.number().int().positive(), body: text(20_000, 'Message') });

export const PostmortemForm = z.object({ postmortem: z.string().max(200_000), publish: checkbox });

export const SlaForm = z.object({ excluded: checkbox, exclusion_reason: optionalText(500) });

/** component_<id> fields → {id: status}; empty values mean "not affected / unchanged". */
export function componentStatusesFrom(values: Record<string, string>): { statuses: Record<string, ComponentStatus>; errors: Record<string, string> } {
  const statuses: Record<string, ComponentStatus> = {};
  const errors: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (!k.startsWith(COMPONENT_FIELD_PREFIX) || !v) continue;
    const id = k.slice(COMPONENT_FIELD_PREFIX.length);
    if ((COMPONENT_STATUSES as readonly string[]).includes(v)) statuses[id] = v as ComponentStatus;
    else errors[k] = 'Choose a listed status.';
  }
  return { statuses, errors };
}
