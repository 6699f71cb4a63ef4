/** Inputs for calling every verb of the registry in tests. */
import { VERBS, verbFields } from '../server/features/all-verbs';
import type { VerbContext } from '../server/features/verb';
import { SYSTEM } from '../server/services/actor';

// Only what a schema itself needs: the clock for "not in the future" rules.
const schemaCtx = { db: undefined, now: Date.now(), actor: SYSTEM } as unknown as VerbContext;

/** An input the verb's own schema refuses (no fields at all, else one field of the wrong type); null if none is found. */
export function invalidInputFor(name: string): Record<string, unknown> | null {
  const verb = VERBS.get(name)!;
  const schema = typeof verb.schema === 'function' ? verb.schema(schemaCtx) : verb.schema;
  const candidates = [{}, ...(verbFields(name, schemaCtx) ?? []).map((f) => ({ [f]: { not: ['a', 'value'] } }))];
  return candidates.find((c) => !schema.safeParse(c).success) ?? null;
}
