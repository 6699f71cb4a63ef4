/** The one way an admin form is handled: read the form, find its action in a Map, run the verb, map errors onto fields. */
import { AppError, BadRequestError } from '../errors';
import { toFormState } from '../http/error-adapters';
import { formValues, type FormState } from '../http/forms';
import { componentFieldName, formTimesAsUtc } from './fields';
import type { VerbContext } from './verb';

/** Runs one verb with the form's values; returns where to redirect (303) on success. */
export type FormAction = (ctx: VerbContext, values: Record<string, string>) => string | Promise<string>;

export interface FormOutcome {
  /** Set on success: the page answers 303 to it. */
  redirect?: string;
  /** The action that ran (from `_action`), for showing its form again. */
  action: string;
  form: FormState<unknown>;
  status: number;
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** Reads a form body; anything that is not a form is a 415 the page can show. */
async function readFormValues(request: Request): Promise<Record<string, string>> {
  if (!FORM_TYPES.test(request.headers.get('content-type') ?? '')) throw new AppError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded or multipart/form-data.');
  try {
    return formValues(await request.formData());
  } catch {
    throw new BadRequestError('The form could not be read.');
  }
}

/** The token in the URL is a signed-link page's authority: a POST that is not a form (a receiver's bare POST) counts as an empty one. */
function formOrEmpty(request: Request): Request {
  if (FORM_TYPES.test(request.headers.get('content-type') ?? '')) return request;
  return new Request(request.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
}

/** Handles a POSTed form: `_action` names the action (`fallback` when absent); errors come back with what was typed. */
export async function handleForm(ctx: VerbContext, request: Request, actions: ReadonlyMap<string, FormAction>, fallback?: string, extra: Record<string, string> = {}): Promise<FormOutcome> {
  let values: Record<string, string> = {};
  let action = fallback ?? '';
  try {
    values = { ...(await readFormValues(request)), ...extra };
    action = values._action || action;
    const run = actions.get(action);
    if (!run) return { action, form: failed(values, {}, 'Unknown action.'), status: 400 };
    return { redirect: await run(ctx, formTimesAsUtc(values)), action, form: failed(values, {}, null), status: 303 };
  } catch (thrown) {
    // Typed errors and storage failures (disk full, read-only: 503) are shown on the form; anything else is a bug.
    const err = toFormState(thrown);
    const fields = Object.fromEntries(Object.entries(err.fieldErrors).map(([k, v]) => [componentFieldName(k), v]));
    return { action, form: failed(values, fields, err.message), status: err.status };
  }
}

function failed(values: Record<string, string>, errors: Record<string, string>, formError: string | null): FormState<unknown> {
  return { values, errors, formError, data: null };
}

export interface SignedLinkPage {
  /** The signed token from the link (`?token=`), passed back in the form's action URL. */
  token: string;
  /** After the redirect that follows success (`?done=1`). */
  done: boolean;
  /** Set when the request was the POST. */
  result: Partial<FormOutcome>;
}

/**
 * A page behind a signed link (confirm a webhook, unsubscribe…): a GET only shows the button, so link scanners
 * change nothing; a POST runs the one action with the link's token, which is the authority (one-click clients
 * post from anywhere). On success the page redirects to `donePath`.
 */
export async function signedLinkPage(
  ctx: VerbContext,
  request: Request,
  url: URL,
  action: string,
  run: (ctx: VerbContext, values: Record<string, string>) => unknown,
  donePath: string,
): Promise<SignedLinkPage> {
  const token = url.searchParams.get('token') ?? '';
  const actions = new Map<string, FormAction>([[action, async (c, v) => (await run(c, v), donePath)]]);
  const result = request.method === 'POST' ? await handleForm(ctx, formOrEmpty(request), actions, action, token ? { token } : {}) : {};
  return { token, done: url.searchParams.get('done') === '1', result };
}
