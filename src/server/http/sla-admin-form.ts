/** The two forms of /admin/sla: SLA exclusion of an incident, and SLA settings (admin only). */
import { z } from 'zod';
import type { SessionUser } from '../auth/sessions';
import type { Db } from '../db';
import type { Actor } from '../services/actor';
import { setSlaExclusion } from '../services/incidents';
import { saveSlaSettings, SlaSettingsForm } from '../services/sla-settings';
import { emptyForm, formFailure, parseForm, type FormState } from './forms';

const ExclusionForm = z.object({
  incident_id: z.coerce.number().int().positive(),
  excluded: z.enum(['true', 'false']),
  exclusion_reason: z.string().trim().max(500, 'At most 500 characters.').optional().default(''),
});

export interface SlaAdminPost {
  kind: 'exclusion' | 'settings';
  state: FormState<unknown>;
  /** The incident whose exclusion form failed. */
  incidentId: number | null;
  ok: boolean;
}

export function actorOf(user: SessionUser): Actor {
  return { type: 'user', name: user.email, role: user.role, userId: user.id };
}

/** Validates and applies a posted form; failures come back with field messages and the typed values. */
export function handleSlaAdminPost(db: Db, fd: FormData, user: SessionUser, now: number): SlaAdminPost {
  const actor = actorOf(user);
  if (fd.get('action') === 'settings') {
    const state = parseForm(SlaSettingsForm, fd);
    if (!state.data) return { kind: 'settings', state, incidentId: null, ok: false };
    try {
      saveSlaSettings(db, state.data, actor, now);
      return { kind: 'settings', state, incidentId: null, ok: true };
    } catch (e) {
      return { kind: 'settings', state: formFailure(state, e), incidentId: null, ok: false };
    }
  }
  const state = parseForm(ExclusionForm, fd);
  const incidentId = Number(fd.get('incident_id')) || null;
  if (!state.data) return { kind: 'exclusion', state, incidentId, ok: false };
  try {
    const d = state.data;
    setSlaExclusion(db, d.incident_id, d.excluded === 'true', d.exclusion_reason || null, actor, now);
    return { kind: 'exclusion', state: emptyForm(), incidentId, ok: true };
  } catch (e) {
    return { kind: 'exclusion', state: formFailure(state, e), incidentId, ok: false };
  }
}
