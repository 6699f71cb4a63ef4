/** Statuspage's string ids ↔ our numeric ones (the same spellings as /api/v2: components `7`, groups `g3`, maintenances `m5`). */
import { NotFoundError } from '../errors';

const PATTERN = {
  component: /^(\d{1,12})$/,
  group: /^g(\d{1,12})$/,
  incident: /^(\d{1,12})$/,
  subscriber: /^(\d{1,12})$/,
  maintenance: /^m(\d{1,12})$/,
} as const;

export type IdKind = keyof typeof PATTERN;

/** The numeric id `raw` spells for `kind`, or null. */
export function parseSpId(kind: IdKind, raw: string): number | null {
  const m = PATTERN[kind].exec(raw);
  return m ? Number(m[1]) : null;
}

/** The numeric id, or a 404 naming the resource. */
export function requireSpId(kind: IdKind, raw: string): number {
  const id = parseSpId(kind, raw);
  if (id === null) throw new NotFoundError('The requested resource could not be found.');
  return id;
}
