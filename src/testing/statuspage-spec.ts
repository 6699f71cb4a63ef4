/** Validates answers against Atlassian's published Statuspage description (fixtures/statuspage-openapi.json) with ajv. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

type Json = Record<string, unknown>;
const spec = JSON.parse(
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/statuspage-openapi.json'), 'utf8'),
) as Json;

/**
 * Where the published description contradicts what api.statuspage.io answers (and what its clients parse),
 * the answer wins; each correction is one line with its reason.
 */
const CORRECTIONS: [string[], Json][] = [
  // Statuspage answers a group's member ids as a list (its own example shows one).
  [['GroupComponent', 'components'], { type: 'array', items: { type: 'string' } }],
  [['GroupComponent', 'position'], { type: 'integer' }],
  [['Subscriber', 'components'], { type: 'array', items: { type: 'string' } }],
  // A time, as its name and every client say; the description types it boolean.
  [['Incident', 'postmortem_published_at'], { type: 'string' }],
];

/** OpenAPI 3.0 schema → JSON Schema ajv reads: `Object` is `object`; every property may be null (Statuspage sends null for unset fields). */
function relax(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relax);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'example' || k === 'description' || k === 'x-displayName') continue;
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, nullable(relax(s) as Json)]))
        : relax(v);
  }
  if (out.type === 'Object') out.type = 'object';
  return out;
}

function nullable(s: Json): Json {
  if (typeof s.type === 'string')
    return { ...s, type: [s.type, 'null'], ...(Array.isArray(s.enum) ? { enum: [...s.enum, null] } : {}) };
  return s.$ref ? { anyOf: [s, { type: 'null' }] } : s;
}

const schemas = relax((spec.components as Json).schemas) as Record<string, Json>;
for (const [[name, prop], fix] of CORRECTIONS) (schemas[name].properties as Json)[prop] = nullable(fix);

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'sp', components: { schemas } });
const cache = new Map<string, ValidateFunction>();

/** The response schema the description gives `method path` → `status`, with its $refs pointed at the relaxed copy. */
function validatorFor(method: string, template: string, status: number): ValidateFunction {
  const key = `${method} ${template} ${status}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const op = ((spec.paths as Json)[template] as Json | undefined)?.[method.toLowerCase()] as Json | undefined;
  if (!op) throw new Error(`The description has no ${method} ${template}.`);
  const res = (op.responses as Json)[String(status)] as Json | undefined;
  if (!res) throw new Error(`The description has no ${status} answer for ${method} ${template}.`);
  const schema = ((res.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema ?? {};
  const pointed = JSON.parse(
    JSON.stringify(relax(schema)).replaceAll('"#/components/schemas/', '"sp#/components/schemas/'),
  );
  const v = ajv.compile(pointed);
  cache.set(key, v);
  return v;
}

/** The validation errors of `body` as the answer to `method template` with `status` (empty: it conforms). */
export function specErrors(method: string, template: string, status: number, body: unknown): string[] {
  const v = validatorFor(method, template, status);
  return v(body) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
