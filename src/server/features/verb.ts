/** A verb is the one door for a write: permission first, then the shared schema, then the service. */
// Decision: docs/decisions/023-one-door-for-every-write.md
import type { z } from 'zod';
import { authorize, PERMISSIONS } from '../auth/permissions';
import { tx, type Db } from '../db';
import { ValidationError } from '../errors';
import { zodFields } from '../http/api-response';
import type { Actor } from '../services/actor';
import type { PageScope } from '../queries/pages';

export interface VerbContext {
  db: Db;
  /** The request's clock (ms since the epoch). */
  now: number;
  actor: Actor;
  /** Issue 24: the status page the request came to (public writes such as subscribing belong to it). */
  page?: PageScope;
}

export type Verb<S extends z.ZodType, R> = ((ctx: VerbContext, input: z.input<S> | Record<string, unknown>) => R) & { permission: string; schema: SchemaOf<S> };

/** A schema, or one built from the request (e.g. "not in the future" needs the clock). */
export type SchemaOf<S extends z.ZodType> = S | ((ctx: VerbContext) => S);

/** Every verb defined, by name, so tests can call each one with every kind of actor. */
export const VERBS = new Map<string, Verb<z.ZodType, unknown>>();

/** Parses `input` with `schema`; failures become a ValidationError with field messages. */
function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError('Please correct the fields marked below.', zodFields(r.error));
  return r.data;
}

/** Declares a verb named `name` guarded by `permission` (which must be in the permission table). */
export function defineVerb<S extends z.ZodType, R>(name: string, permission: string, schema: SchemaOf<S>, run: (ctx: VerbContext, data: z.output<S>) => R): Verb<S, R> {
  if (!PERMISSIONS.has(permission)) throw new Error(`Verb ${name}: permission "${permission}" is not in the permission table.`);
  if (VERBS.has(name)) throw new Error(`Verb ${name} is defined twice.`);
  const verb = Object.assign(
    (ctx: VerbContext, input: unknown): R => {
      authorize(ctx.actor, permission);
      return run(ctx, parseInput(typeof schema === 'function' ? schema(ctx) : schema, input));
    },
    { permission, schema },
  ) as Verb<S, R>;
  VERBS.set(name, verb as unknown as Verb<z.ZodType, unknown>);
  return verb;
}

/** Runs several verbs as one write: all commit or none. */
export function withTransaction<R>(ctx: VerbContext, run: () => R): R {
  return tx(ctx.db, run);
}
