/** A private page's viewer access, as the admin form (lines of text) and the API (arrays) send it: one schema. */
import { z } from 'zod';
import { emailProblem, normalizeEmail } from '../../../domain/credentials';
import { cidrProblem, normalizeDomain } from '../../../domain/viewer-access';

const MAX_ITEMS = 500;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** An array, or text with one item per line (commas and spaces separate too). */
const lines = (item: z.ZodType<string>) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? [] : typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
    z.array(item, { error: 'Must be a list.' }).max(MAX_ITEMS, `At most ${MAX_ITEMS} entries.`),
  );

const email = z.string().max(320).refine((v) => emailProblem(v) === null, { message: 'List e-mail addresses such as ann@example.com.' }).transform(normalizeEmail);
const domain = z.string().max(253).transform(normalizeDomain).refine((v) => DOMAIN.test(v), { message: 'List domains such as example.com.' });
const cidr = z.string().max(64).superRefine((v, ctx) => {
  const p = cidrProblem(v);
  if (p) ctx.addIssue({ code: 'custom', message: p });
}).transform((v) => v.trim());
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const issuer = z.preprocess(
  blank,
  z.string().trim().max(500).refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), { message: 'Enter the issuer URL, such as https://accounts.example.com.' }).optional(),
);

const AudienceGroupInput = z.object({
  name: z.string().trim().min(1, 'Each group needs a name.').max(100),
  addresses: lines(email).default([]),
  domains: lines(domain).default([]),
  oidc_groups: lines(z.string().trim().min(1).max(200)).default([]),
  component_ids: z.array(z.number().int().positive(), { error: 'List component ids.' }).max(MAX_ITEMS).default([]),
});

/** Audience groups: a JSON array (the form's textarea holds the same JSON). */
const audienceGroups = z.preprocess((v) => {
  if (typeof v !== 'string') return v ?? [];
  if (v.trim() === '') return [];
  try {
    return JSON.parse(v);
  } catch {
    return '(not JSON)';
  }
}, z.array(AudienceGroupInput, { error: 'Audience groups must be a JSON array of groups.' }).max(100, 'At most 100 groups.'));

/** The page id: what r3-pages's pages table will reference (letters, digits, - and _). */
const PageId = z.string({ error: 'A page id is required.' }).trim().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'Use lower-case letters, digits, - and _ (at most 64).');

export const ConfigureViewerAccess = z
  .object({
    page_id: PageId,
    email_addresses: lines(email),
    email_domains: lines(domain),
    ip_allowlist: lines(cidr),
    oidc_issuer: issuer,
    oidc_client_id: z.preprocess(blank, z.string().trim().max(300).optional()),
    /** Blank keeps the stored secret; it is never shown back. */
    oidc_client_secret: z.preprocess(blank, z.string().max(1000).optional()),
    oidc_allowed_domains: lines(domain),
    oidc_group_claim: z.preprocess(blank, z.string().trim().max(100).optional()),
    oidc_allowed_groups: lines(z.string().trim().min(1).max(200)),
    audience_groups: audienceGroups,
  })
  .superRefine((v, ctx) => {
    if (v.oidc_issuer && !v.oidc_client_id) ctx.addIssue({ code: 'custom', path: ['oidc_client_id'], message: 'Enter the client id the provider gave you.' });
    if (v.oidc_client_id && !v.oidc_issuer) ctx.addIssue({ code: 'custom', path: ['oidc_issuer'], message: 'Enter the issuer URL.' });
    if (v.oidc_issuer && v.oidc_allowed_domains.length + v.oidc_allowed_groups.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['oidc_allowed_domains'], message: 'List the e-mail domains or groups allowed to sign in.' });
    }
  });

export const RevokeViewerToken = z.object({ token_id: z.coerce.number({ error: 'A token id is required.' }).int().positive() });

/** The viewer's own token actions: the session token is handed in by the route from the cookie, never from the form. */
export const CreateOwnToken = z.object({ viewer_session: z.string().max(200).nullish(), name: z.string().trim().min(1, 'Name the token (e.g. "Team feed reader").').max(100, 'At most 100 characters.') });
export const RevokeOwnToken = z.object({ viewer_session: z.string().max(200).nullish(), token_id: z.coerce.number({ error: 'A token id is required.' }).int().positive() });

export const RequestLink = z.object({ page_id: PageId, next: z.string().max(2000).optional(), email: z.string({ error: 'Enter your e-mail address.' }).max(320).refine((v) => emailProblem(v) === null, { message: 'Enter an e-mail address such as you@example.com.' }).transform(normalizeEmail) });
export const ConsumeLink = z.object({ token: z.string({ error: 'This link is not valid.' }).min(1).max(200) });
