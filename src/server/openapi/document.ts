/**
 * The OpenAPI 3.1 description of /api/v1 and /api/v2 (/api/openapi.json). Request bodies are generated from the
 * same zod schemas the routes parse with (zod 4's JSON Schema output); v2 responses reuse the Statuspage schemas.
 */
import { z } from 'zod';
import { ComponentCreate, ComponentEdit } from '../features/components/schemas';
import { incidentCreateShape, incidentUpdateShape } from '../features/incidents/schemas';
import { MaintenanceCreate } from '../features/maintenance/schemas';
import { SlaSettingsPatch as slaSettingsPatchBody } from '../features/settings/schemas';
import { errorResponseSchema, V2_SCHEMAS } from '../api-schemas/statuspage';
import { ComponentJson, IncidentJson, IncidentUpdateCreatedJson, MaintenanceJson, SlaSettingsJson, VerbResultJson } from '../api-schemas/v1';
import { NOT_IN_API, VERBS } from '../features/all-verbs';
import { systemActor } from '../services/actor';
import { SLA_ROW_FIELDS } from '../services/sla';

type Json = Record<string, unknown>;

/** JSON Schema of what a client sends (the input side of transforms and defaults). */
function body(schema: z.ZodType, omit: string[] = []): Json {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete js.$schema;
  const props = js.properties as Record<string, unknown> | undefined;
  if (props) for (const k of omit) delete props[k];
  if (Array.isArray(js.required)) js.required = js.required.filter((k: string) => !omit.includes(k));
  return js;
}

/** JSON Schema of what a route answers, from the zod schema its view is typed by. */
function answer(schema: z.ZodType): Json {
  const js = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete js.$schema;
  return js;
}

/** Response schemas by name, referenced from the paths below. */
const RESPONSES = {
  Component: ComponentJson,
  Incident: IncidentJson,
  IncidentUpdateCreated: IncidentUpdateCreatedJson,
  Maintenance: MaintenanceJson,
  SlaSettings: SlaSettingsJson,
  VerbResult: VerbResultJson,
} as const;

const ref = (name: keyof typeof RESPONSES) => ({ $ref: `#/components/schemas/${name}` });
const ok = (description: string, schema: Json) => ({ description, content: { 'application/json': { schema } } });

const error = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const errors = { '400': error, '401': error, '403': error, '404': error, '409': error, '422': error };
const withBody = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Numeric id (components also accept their slug).' };
const secured = { security: [{ bearer: [] }] };
/** Public reads: no credentials (an explicit empty requirement, so it is not mistaken for a forgotten one). */
const open = { security: [] };
/** `GET /api/v2/summary.json` → `getApiV2SummaryJson`: a stable operationId from the method and path. */
function operationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** Every operation gets its operationId. */
function withOperationIds(paths: Json): Json {
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) (op as Json).operationId ??= operationId(method, path);
    }
  }
  return paths;
}

/** /api/sla.json: the row fields are the CSV's columns (one list, SLA_ROW_FIELDS). */
function slaReportSchema(): Json {
  const row = { type: 'object', required: Object.keys(SLA_ROW_FIELDS), properties: Object.fromEntries(Object.entries(SLA_ROW_FIELDS).map(([k, type]) => [k, { type }])) };
  const correction = { type: 'object', properties: { component_id: { type: 'integer' }, slug: { type: 'string' }, at: { type: 'string', format: 'date-time' }, cause: { type: 'string' }, before: row, after: row } };
  return {
    type: 'object',
    properties: { month: { type: 'string' }, time_zone: { type: 'string' }, partial: { type: 'boolean' }, components: { type: 'array', items: row }, corrections: { type: 'array', items: correction } },
  };
}

function v2Paths(): Json {
  const out: Json = {};
  for (const [file, schema] of Object.entries(V2_SCHEMAS)) {
    out[`/api/v2/${file}`] = {
      get: {
        tags: ['Statuspage v2'],
        ...open,
        summary: `Statuspage-compatible ${file}`,
        responses: { '200': { description: 'OK', content: { 'application/json': { schema } } }, '404': error },
      },
    };
  }
  return out;
}

/** One concrete path per verb (POST /api/v1/verbs/<name>), its body generated from the verb's own schema. */
function verbPaths(): Json {
  const out: Json = {};
  const ctx = { db: undefined as never, now: 0, actor: systemActor('system') };
  for (const [name, verb] of [...VERBS].sort(([a], [b]) => a.localeCompare(b))) {
    if (NOT_IN_API.has(name)) continue;
    const schema = typeof verb.schema === 'function' ? verb.schema(ctx) : verb.schema;
    out[`/api/v1/verbs/${name}`] = {
      post: { tags: ['Verbs'], ...secured, summary: `${name} (needs ${verb.permission})`, requestBody: withBody(body(schema)), responses: { '200': ok('The verb\'s result: the row it wrote (snake_case, ISO times) or {"ok": true}', ref('VerbResult')), ...errors } },
    };
  }
  return out;
}

/** The whole document; `serverUrl` is the configured SITE_URL. */
export function openApiDocument(serverUrl: string): Json {
  const now = 0;
  return {
    openapi: '3.1.0',
    info: { title: 'Status page API', version: '1', description: 'Public Statuspage-compatible reads (/api/v2) and the operator API (/api/v1, Bearer API key).', license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key (scope read, write or admin) from /admin/api-keys. It acts with the lesser of its scope and its owner\'s current role, and stops working for good when its owner is disabled.' } },
      schemas: { Error: errorResponseSchema, ...Object.fromEntries(Object.entries(RESPONSES).map(([k, v]) => [k, answer(v)])) },
    },
    paths: withOperationIds({
      ...v2Paths(),
      ...verbPaths(),
      '/api/v1/verbs/{name}': {
        parameters: [{ name: 'name', in: 'path', required: true, schema: { enum: [...VERBS.keys()].filter((n) => !NOT_IN_API.has(n)).sort() } }],
        post: { tags: ['Verbs'], ...secured, summary: 'Any admin action by verb name; the body is that verb\'s (see the concrete paths)', requestBody: withBody({ type: 'object' }), responses: { '200': ok('The verb\'s result', ref('VerbResult')), ...errors } },
      },
      '/api/sla.json': { get: { tags: ['Reports'], ...open, summary: 'Monthly SLA report', parameters: [{ name: 'month', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } }], responses: { '200': ok('SLA report', slaReportSchema()), ...errors } } },
      '/api/response-times.json': { get: { tags: ['Reports'], ...secured, summary: 'Incident response times', responses: { '200': ok('Response times', { type: 'object' }), ...errors } } },
      '/api/v1/pages.json': {
        get: { tags: ['Statuspage management API'], ...secured, summary: "The pages this key manages. /api/v1/pages/{page_id}/… is Statuspage's management API: see Atlassian's description and docs/api.md", responses: { '200': ok('Pages', { type: 'array', items: { type: 'object' } }), ...errors } },
      },
      '/api/v2/subscribers.json': {
        post: {
          tags: ['Statuspage v2'],
          ...open,
          summary: "Statuspage's public subscribe: a confirmation e-mail is sent (double opt-in)",
          requestBody: withBody({ type: 'object', properties: { subscriber: { type: 'object', properties: { email: { type: 'string' }, component_ids: { type: 'array', items: { type: 'string' } } }, required: ['email'] } } }),
          responses: { '201': ok('The pending subscription', { type: 'object' }), ...errors, '429': error },
        },
      },
      '/api/openapi.json': { get: { tags: ['Meta'], ...open, summary: 'This document', responses: { '200': ok('OpenAPI 3.1', { type: 'object' }), '404': error } } },
      '/api/v1/components': {
        get: { tags: ['Components'], ...secured, summary: 'List components', responses: { '200': ok('Components', { type: 'array', items: ref('Component') }), ...errors } },
        post: { tags: ['Components'], ...secured, summary: 'Create a component', requestBody: withBody(body(ComponentCreate(now), ['visible'])), responses: { '201': ok('Created', ref('Component')), ...errors } },
      },
      '/api/v1/components/{id}': {
        parameters: [idParam],
        get: { tags: ['Components'], ...secured, summary: 'One component', responses: { '200': ok('Component', ref('Component')), ...errors } },
        patch: { tags: ['Components'], ...secured, summary: 'Edit a component or set its status', requestBody: withBody(body(ComponentEdit, ['component_id', 'visible'])), responses: { '200': ok('Component', ref('Component')), ...errors } },
      },
      '/api/v1/incidents': {
        post: { tags: ['Incidents'], ...secured, summary: 'Open (or backfill) an incident', requestBody: withBody(body(incidentCreateShape(now))), responses: { '201': ok('Created', ref('Incident')), ...errors } },
      },
      '/api/v1/incidents/{id}': {
        parameters: [idParam],
        get: { tags: ['Incidents'], ...secured, summary: 'One incident', responses: { '200': ok('Incident', ref('Incident')), ...errors } },
        patch: { tags: ['Incidents'], ...secured, summary: 'Exclude from or include in the SLA', requestBody: withBody({ type: 'object', additionalProperties: false, properties: { excluded_from_sla: { type: 'boolean' }, exclusion_reason: { type: ['string', 'null'] } } }), responses: { '200': ok('Incident', ref('Incident')), ...errors } },
      },
      '/api/v1/incidents/{id}/updates': {
        parameters: [idParam],
        post: { tags: ['Incidents'], ...secured, summary: 'Post an update', requestBody: withBody(body(incidentUpdateShape(now), ['incident_id'])), responses: { '201': ok('Created', ref('IncidentUpdateCreated')), ...errors } },
      },
      '/api/v1/maintenances': {
        post: { tags: ['Maintenance'], ...secured, summary: 'Schedule maintenance', requestBody: withBody(body(MaintenanceCreate)), responses: { '201': ok('Created', ref('Maintenance')), ...errors } },
      },
      '/api/v1/sla/settings': {
        get: { tags: ['SLA'], ...secured, summary: 'SLA settings', responses: { '200': ok('Settings', ref('SlaSettings')), ...errors } },
        patch: { tags: ['SLA'], ...secured, summary: 'Change SLA settings', requestBody: withBody(body(slaSettingsPatchBody)), responses: { '200': ok('Settings', ref('SlaSettings')), ...errors } },
      },
    }),
  };
}
