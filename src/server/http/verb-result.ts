/** A verb's return value as API JSON (snake_case, ISO times): secrets' hashes and form tokens never leave the server. */
import { toApiJson } from '../../domain/api-json';

const HIDDEN = /hash$|^formToken$|^form_token$/i;

export function verbResultJson(result: unknown): unknown {
  // A promise would serialise as {}: the caller must await the verb (a silent 200 hid every async error).
  if (result instanceof Promise) throw new TypeError('verbResultJson got a promise: await the verb first.');
  if (result === undefined || result === null) return { ok: true };
  return toApiJson(JSON.parse(JSON.stringify(result, (k, v) => (HIDDEN.test(k) ? undefined : v))));
}
