/** zod pieces shared by admin forms (strings) and the JSON API (typed values): one schema reads both. */
// Decision: docs/decisions/002-times-stored-in-utc.md
import { isTimeZone, localToUtc } from '../../domain/zone-time';
import { z } from 'zod';
import { COMPONENT_STATUSES } from '../../domain/enums';
import { isInFuture } from '../../domain/incident';
import { parseIsoTime } from '../../domain/time';
import { markdownProblem } from '../../domain/markdown-bounds';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const text = (max: number, label = 'This field') =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

const boundedNesting = (v: string, ctx: z.RefinementCtx) => {
  const problem = markdownProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** Required operator markdown: text within `max` characters whose quotes and lists nest within the bound every page can render. */
export const markdown = (max: number, label = 'This field') => text(max, label).superRefine(boundedNesting);

/** Markdown that may be empty (a maintenance message, a post-mortem draft), with the same bounds. */
export const optionalMarkdown = (max: number) =>
  z
    .string({ error: 'Must be text.' })
    .max(max, `At most ${max.toLocaleString('en-US')} characters.`)
    .superRefine(boundedNesting);

/** Optional text; empty → null. */
export const optionalText = (max: number) =>
  z
    .string({ error: 'Must be text.' })
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

/** A boolean from JSON, or a checkbox/select value from a form ('on', 'true', '1'; absent = false). */
export const flag = z
  .union([z.boolean(), z.enum(['on', 'true', '1', 'off', 'false', '0', ''])], { error: 'Must be true or false.' })
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

/** deliver_notifications: absent means true; a form sends a hidden "off" before its checkbox, so the last value wins. */
export const notifyFlag = z.preprocess(
  (v) => (typeof v === 'string' && v.includes(',') ? v.slice(v.lastIndexOf(',') + 1) : v),
  z
    .union([z.boolean(), z.enum(['on', 'true', '1', 'off', 'false', '0'])], { error: 'Must be true or false.' })
    .optional()
    .transform((v) => v === undefined || v === true || v === 'on' || v === 'true' || v === '1'),
);

/** Like `flag`, but absent stays undefined (a partial update leaves the value as it is). */
export const optionalFlag = z
  .union([z.boolean(), z.enum(['on', 'true', '1', 'off', 'false', '0', ''])], { error: 'Must be true or false.' })
  .optional()
  .transform((v) => (v === undefined ? undefined : v === true || v === 'on' || v === 'true' || v === '1'));

/** A number from JSON or a form field; empty → undefined. */
export const optionalNumber = (label: string, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: `Enter ${label}.` }).min(min, `Between ${min} and ${max}.`).max(max, `Between ${min} and ${max}.`).optional());

/** An optional reference by id: empty or null → null. */
export const optionalId = (message: string) =>
  z.preprocess((v) => (v === '' ? null : v), z.coerce.number({ error: message }).int(message).positive(message).nullish());

/** A positive integer id from JSON or a form field. */
export const id = z.coerce.number({ error: 'Must be a number.' }).int('Must be a whole number.').positive('Must be positive.');

/** An ISO 8601 time with a zone (forms add one: see formTimesAsUtc). Empty → null. */
export const time = (opts: { notAfter?: number; dateAlone?: boolean } = {}) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'Enter a date and time like 2026-03-01T14:30Z.' })
      .transform((v, ctx) => {
        // A date alone (Statuspage's start_date) means 00:00 UTC that day.
        const ms = opts.dateAlone && /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? parseIsoTime(`${v.trim()}T00:00:00Z`) : parseIsoTime(v);
        if (ms === null) {
          ctx.addIssue({ code: 'custom', message: 'Enter a date and time like 2026-03-01T14:30 (UTC); the API needs a zone, e.g. 2026-03-01T14:30:00Z.' });
          return z.NEVER;
        }
        if (opts.notAfter !== undefined && isInFuture(ms, opts.notAfter)) {
          ctx.addIssue({ code: 'custom', message: 'Use a time in the past, not the future.' });
          return z.NEVER;
        }
        return ms;
      })
      .nullish()
      .transform((v) => v ?? null),
  );

export const requiredTime = (opts: { notAfter?: number } = {}) => time(opts).refine((v) => v !== null, 'A date and time is required.');

export const COMPONENT_FIELD_PREFIX = 'component_';

/** component id or slug → status; a form sends one `component_<id>` field per component ("" = unchanged). */
export const componentStatuses = z.record(z.string().min(1).max(100), z.enum(COMPONENT_STATUSES, { error: 'Choose a listed status.' }));

/** Folds a form's `component_<id>` fields into `components`, so forms and JSON share one schema. */
export function withComponentFields(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const entries = Object.entries(input as Record<string, unknown>);
  const fields = entries.filter(([k]) => k.startsWith(COMPONENT_FIELD_PREFIX));
  if (fields.length === 0) return input;
  const components: Record<string, unknown> = {};
  for (const [k, v] of fields) if (v !== '') components[k.slice(COMPONENT_FIELD_PREFIX.length)] = v;
  return { ...Object.fromEntries(entries.filter(([k]) => !k.startsWith(COMPONENT_FIELD_PREFIX))), components };
}

/** Maps an error on `components.<id>` back to the form field that holds it. */
export function componentFieldName(errorKey: string): string {
  return errorKey.startsWith('components.') ? `${COMPONENT_FIELD_PREFIX}${errorKey.slice('components.'.length)}` : errorKey;
}

/** Time fields of forms are named *_at, *_for, *_until or *_date. */
const TIME_FIELD = /_(at|for|until|date)$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** The hidden field admin.js fills with the browser's IANA zone; without it (no JavaScript) form times are UTC. */
const TIME_ZONE_FIELD = '_tz';

/**
 * A datetime-local input has no zone: read it in the zone the form names in `_tz` (the operator's browser),
 * or as UTC when there is none or it is not a real zone, as the no-JS labels say.
 */
export function formTimesAsUtc(values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  const zone = values[TIME_ZONE_FIELD]?.trim() ?? '';
  const local = zone && zone !== 'UTC' && isTimeZone(zone) ? zone : null;
  for (const [k, v] of Object.entries(out)) {
    if (!TIME_FIELD.test(k) || !LOCAL_TIME.test(v.trim())) continue;
    const ms = local ? localToUtc(v, local) : null;
    out[k] = ms === null ? `${v.trim()}Z` : new Date(ms).toISOString();
  }
  return out;
}
