/** Subscriber inputs: the public subscribe and manage forms, and the admin's remove and import. */
import { z } from 'zod';
import { emailProblem, MAX_EMAIL_LENGTH } from '../../../domain/credentials';
import { id } from '../fields';

const idList = z
  .preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s.trim() !== '') : (v ?? [])), z.array(z.coerce.number({ error: 'Choose listed components.' }).int().positive(), { error: 'Choose listed components.' }).max(500))
  .default([]);

export const email = z
  .string({ error: 'Enter your e-mail address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your e-mail address.')
  .max(MAX_EMAIL_LENGTH, `At most ${MAX_EMAIL_LENGTH} characters.`)
  .superRefine((v, ctx) => {
    const problem = emailProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Components and whole groups to follow; neither means everything, including components added later. */
const choice = {
  components: idList,
  groups: idList,
};

export const Subscribe = z.object({ email, ...choice });

const token = z.string({ error: 'This link is incomplete.' }).trim().min(1, 'This link is incomplete.').max(300, 'This link is not valid.');

export const Confirm = z.object({ token });

export const Manage = z.object({ token, ...choice });

export const Unsubscribe = z.object({ token });

export const SubscriberRef = z.object({ subscriber_id: id });

/** The largest import: about 150,000 addresses. */
const CSV_IMPORT_MAX_CHARS = 5_000_000;

export const SubscriberImport = z.object({ csv: z.string({ error: 'Paste or upload a CSV file.' }).min(1, 'Paste or upload a CSV file.').max(CSV_IMPORT_MAX_CHARS, 'At most 5 MB.') });

/** The form body that carries the largest import: URL-encoding at most triples each character, plus the other fields. */
export const CSV_IMPORT_BODY_BYTES = CSV_IMPORT_MAX_CHARS * 3 + 64 * 1024;
