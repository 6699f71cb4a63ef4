/** Sign-out input. */
import { z } from 'zod';
import { flag, text } from '../fields';

/** `session_id` is the caller's own session, handed in by the route from the middleware (never from the form). */
export const SignOut = z.object({ everywhere: flag, session_id: z.string().max(200).nullish() });

/** First-run setup: the one-time token from the console, and the first admin's credentials. */
export const SetupInput = z
  .object({ token: z.string().min(1).max(200), email: text(320, 'Email'), password: z.string({ error: 'Password is required.' }).min(1, 'Password is required.'), confirm: z.string().default('') })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match.' });
