/** Operator account and API key inputs (the /admin/users and /admin/api-keys forms). */
import { z } from 'zod';
import { API_KEY_SCOPES, ROLES } from '../../../domain/enums';
import { flag, id, optionalText, text } from '../fields';

const role = z.enum(ROLES, { error: 'Choose a role.' });
// The strength rules live in passwordProblem (the service); this only bounds the input.
const password = z.string({ error: 'Password is required.' }).min(1, 'Password is required.').max(1000, 'At most 1,000 characters.');

export const UserCreate = z.object({ email: text(320, 'Email'), name: optionalText(100), role, password });

export const UserUpdate = z.object({ user_id: id, role, disabled: flag });

export const UserPassword = z.object({ user_id: id, password });

// least privilege unless asked: a key without a scope can only read
export const ApiKeyCreate = z.object({ name: text(100, 'Name'), scope: z.enum(API_KEY_SCOPES, { error: 'Choose read, write or admin.' }).default('read') });

export const ApiKeyRef = z.object({ api_key_id: id });
