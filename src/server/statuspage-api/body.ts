/** Request bodies as Statuspage clients send them: JSON or form-encoded, wrapped (`{"incident": {…}}`) or not. */
import { BadRequestError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import { parseBracketForm } from './bracket-form';

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readAny(request: Request): Promise<Fields> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const text = await request.text();
  if (/^\s*application\/([\w.-]+\+)?json\s*(;|$)/.test(type)) {
    let body: unknown;
    try {
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new BadRequestError('The body is not valid JSON.');
    }
    if (!isObject(body)) throw new ValidationError('The body must be a JSON object.');
    return body;
  }
  if (/^\s*application\/x-www-form-urlencoded\s*(;|$)/.test(type) || (type === '' && text === '')) {
    const r = parseBracketForm(new URLSearchParams(text));
    if (!r.ok)
      throw new ValidationError(
        'The form body is invalid.',
        Object.fromEntries(r.badKeys.map((k) => [k, 'Malformed field name.'])),
      );
    return r.value;
  }
  throw new UnsupportedMediaTypeError(
    'Send JSON ("Content-Type: application/json") or a form ("application/x-www-form-urlencoded").',
  );
}

/**
 * The fields of the `wrapper` object (Statuspage's shape), or of the body itself when it is not wrapped.
 * A field outside `known` is refused: a typo must not be silently dropped.
 */
export async function readSpBody(request: Request, wrapper: string, known: readonly string[]): Promise<Fields> {
  const body = await readAny(request);
  const keys = Object.keys(body);
  const inner = keys.length === 1 && keys[0] === wrapper ? body[wrapper] : body;
  if (!isObject(inner)) throw new ValidationError('The request is invalid.', { [wrapper]: 'Must be an object.' });
  const unknown = Object.keys(inner).filter((k) => !known.includes(k));
  if (unknown.length)
    throw new ValidationError(
      'The request is invalid.',
      Object.fromEntries(unknown.map((k) => [`${wrapper}.${k}`, 'Unknown field.'])),
    );
  return inner;
}
