/** Builders for environment variables: a blank value counts as unset, each carries its README default and description. */
import { z } from 'zod';

/** What the README's configuration table shows of a variable: `null` default means none. */
export interface EnvDoc {
  default: string | null;
  description: string;
}

/** A parse outcome that refuses the raw value; the message follows the variable's name ("PORT must be …"). */
export class Refusal {
  constructor(readonly message: string) {}
}

export const refuse = (message: string): Refusal => new Refusal(message);

type Parse<T> = (raw: string) => T | Refusal;

// zod's own metadata registry, so tools that read zod metadata see the same docs.
const docs = z.registry<EnvDoc>();

/** The README row data of a variable built here. */
export function envDoc(schema: z.ZodType): EnvDoc | undefined {
  return docs.get(schema);
}

function variable<T, D extends T | null>(doc: EnvDoc, parse: Parse<T>, unset: () => T | D): z.ZodType<T | D, string | undefined> {
  const schema = z
    .string()
    .optional()
    .transform((raw, ctx): T | D => {
      if (raw === undefined || raw.trim() === '') return unset();
      const value = parse(raw);
      if (!(value instanceof Refusal)) return value;
      ctx.addIssue({ code: 'custom', message: value.message });
      return z.NEVER;
    });
  docs.add(schema, doc);
  return schema;
}

/** A variable with a default, written as its raw value (the README shows it as is). */
export function withDefault<T>(fallback: string, description: string, parse: Parse<T>): z.ZodType<T, string | undefined> {
  const parsedDefault = parse(fallback);
  if (parsedDefault instanceof Refusal) throw new Error(`default "${fallback}" ${parsedDefault.message}`);
  return variable<T, T>({ default: fallback, description }, parse, () => parsedDefault);
}

/** A variable that is null when unset; `shown` is the README's default when another setting stands in for it. */
export function optional<T>(description: string, parse: Parse<T>, shown: string | null = null): z.ZodType<T | null, string | undefined> {
  return variable<T, null>({ default: shown, description }, parse, () => null);
}

/** A whole number in [min, max]. */
export const wholeNumber =
  (min: number, max: number): Parse<number> =>
  (raw) =>
    /^\d+$/.test(raw.trim()) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : refuse(`must be a whole number between ${min} and ${max} (got "${raw}")`);

/** on/off (also true/false, 1/0), any case. */
export const onOff: Parse<boolean> = (raw) => {
  const v = raw.trim().toLowerCase();
  if (['on', 'true', '1'].includes(v)) return true;
  return ['off', 'false', '0'].includes(v) ? false : refuse(`must be "on" or "off" (got "${raw}")`);
};

/** One of a few words, any case. */
export const oneOf =
  <const W extends string>(words: readonly W[]): Parse<W> =>
  (raw) => {
    const v = raw.trim().toLowerCase();
    return words.find((w) => w === v) ?? refuse(`must be one of ${words.join(', ')} (got "${raw}")`);
  };

/** Free text, trimmed. */
export const text: Parse<string> = (raw) => raw.trim();
