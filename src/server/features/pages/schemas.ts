/** Status page inputs (issue 24), shared by /admin/pages and /api/v1/verbs/page.* (JSON). */
import { z } from 'zod';
import { normalizeHost, PAGE_VISIBILITIES } from '../../../domain/pages';
import { MAX_SLUG_LENGTH, STRICT_SLUG_PATTERN } from '../../../domain/slug';
import { isTimeZone } from '../../../domain/zone-time';
import { flag, id, text } from '../fields';
import { componentRefList } from '../maintenance/schemas';

const MAX_HOSTS = 10;

const slug = z
  .string({ error: 'A slug is required.' })
  .trim()
  .min(1, 'A slug is required.')
  .max(MAX_SLUG_LENGTH, `At most ${MAX_SLUG_LENGTH} characters.`)
  .regex(STRICT_SLUG_PATTERN, 'Lowercase letters, digits and dashes only.');

/** Host names: a JSON list, or the form's text with one per line (or separated by spaces or commas). */
const hosts = z
  .preprocess((v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : (v ?? [])), z.array(z.string({ error: 'Host names are text.' }), { error: 'Send a list of host names.' }).max(MAX_HOSTS, `At most ${MAX_HOSTS} host names.`))
  .transform((list, c) => {
    const out: string[] = [];
    for (const raw of list) {
      const h = normalizeHost(raw);
      // a port or a trailing dot is spelled away; anything else odd is refused rather than guessed at
      if (h === null || raw.includes('/') || raw.includes('@')) {
        c.addIssue({ code: 'custom', message: `"${raw.slice(0, 100)}" is not a host name (like status.example.com).` });
        return z.NEVER;
      }
      if (!out.includes(h)) out.push(h);
    }
    return out;
  });

const timeZone = z
  .string({ error: 'Choose a time zone.' })
  .trim()
  .nullish()
  .transform((v, c) => {
    if (!v) return null;
    if (!isTimeZone(v)) {
      c.addIssue({ code: 'custom', message: 'Choose an IANA time zone such as Europe/Paris.' });
      return z.NEVER;
    }
    return v;
  });

const pageFields = {
  slug,
  name: text(100, 'Name'),
  hosts,
  visibility: z.enum(PAGE_VISIBILITIES, { error: 'Choose public, private or audience.' }).default('public'),
  /** Every component, present and future; else only `components`. */
  all_components: flag,
  components: componentRefList.default([]),
  time_zone: timeZone,
};

export const PageCreate = z.object(pageFields);

export const PageUpdate = z.object({ page_id: id, ...pageFields });

export const PageRef = z.object({ page_id: id });

export type PageInput = z.output<typeof PageCreate>;
