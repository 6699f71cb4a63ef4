/** The complete verb registry (every feature's verbs.ts loaded) and the field names each verb's schema reads. */
import type { z } from 'zod';
import { VERBS, type VerbContext } from './verb';

import.meta.glob('./*/verbs.ts', { eager: true });

export { VERBS };

/** Verbs with no /api/v1 counterpart, and why. */
export const NOT_IN_API = new Map<string, string>([
  ['session.signOut', 'API keys have no session; revoke the key instead.'],
  ['setup.complete', 'First-run setup holds a one-time token printed on the console.'],
  ['viewerToken.create', 'A viewer manages their own feed tokens on /access/tokens with their viewer session, not an API key.'],
  ['viewer.requestLink', 'A viewer signs in on the private page itself (/access/sign-in), not with an API key.'],
  ['viewer.signInByLink', 'A viewer signs in on the private page itself (/access/link), not with an API key.'],
  ['viewerToken.revoke', 'A viewer manages their own feed tokens on /access/tokens with their viewer session, not an API key.'],
]);

/** The names a verb's API body may use: the keys of its zod object (through preprocess and refinements). */
export function verbFields(name: string, ctx: VerbContext): string[] | null {
  const verb = VERBS.get(name);
  if (!verb) return null;
  return objectKeys(typeof verb.schema === 'function' ? verb.schema(ctx) : verb.schema);
}

function objectKeys(schema: z.ZodType): string[] | null {
  const s = schema as unknown as { shape?: Record<string, unknown>; _zod?: { def?: { in?: z.ZodType; out?: z.ZodType; innerType?: z.ZodType } } };
  if (s.shape) return Object.keys(s.shape);
  const def = s._zod?.def;
  for (const inner of [def?.out, def?.in, def?.innerType]) {
    const keys = inner ? objectKeys(inner) : null;
    if (keys) return keys;
  }
  return null;
}
