/** The two error adapters, tabled: every typed error keeps its status, code, message and fields; a bug is never turned into a 4xx. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, UnauthorizedError, ValidationError } from '../errors';
import { toFormState, toJsonError, toStatuspageError } from './error-adapters';

const sqliteFull = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

describe.each([
  ['validation', new ValidationError('Fix the fields.', { email: 'Enter an address.' }), 422, { email: 'Enter an address.' }],
  ['not found', new NotFoundError(), 404, {}],
  ['conflict', new ConflictError('Already exists.'), 409, {}],
  ['unauthorized', new UnauthorizedError(), 401, {}],
  ['forbidden', new ForbiddenError('Only admins can do this.'), 403, {}],
  ['rate limited', new RateLimitedError('Wait a minute.'), 429, {}],
  ['storage full', sqliteFull, 503, {}],
])('%s', (_, err, status, fields) => {
  it('toJsonError answers its status with a JSON message', async () => {
    const res = toJsonError(err);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: { message: string; fields?: Record<string, string> } };
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(body.error.fields ?? {}).toEqual(fields);
    expect(res.headers.get('retry-after')).toBe(status === 503 ? '5' : null);
  });

  it("toStatuspageError answers its status with Statuspage's {\"error\": \"…\"}, the field messages spelled out in it", async () => {
    const res = toStatuspageError(err);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; message: string; code: string; fields?: Record<string, string> };
    expect(body.error).toBe(body.message);
    for (const [k, v] of Object.entries(fields)) expect(body.error).toContain(`${k}: ${v}`);
    expect(body.fields ?? {}).toEqual(fields);
    expect(res.headers.get('retry-after')).toBe(status === 503 ? '5' : null);
  });

  it('toFormState gives the message and the field messages', () => {
    const state = toFormState(err);
    expect(state).toMatchObject({ status, fieldErrors: fields });
    expect(state.message.length).toBeGreaterThan(0);
  });
});

describe('what is not a typed error', () => {
  it('a zod failure is a 400 with field messages in JSON', async () => {
    const r = z.object({ name: z.string() }).safeParse({});
    const res = toJsonError(r.error);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('name');
  });

  it('a bug is rethrown by both adapters (it is logged as a 500, never shown as the user\'s mistake)', () => {
    const bug = new TypeError('undefined is not a function');
    expect(() => toJsonError(bug)).toThrow(bug);
    expect(() => toStatuspageError(bug)).toThrow(bug);
    expect(() => toFormState(bug)).toThrow(bug);
  });
});
