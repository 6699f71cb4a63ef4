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

const error = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const errors = { '400': error, '401': error, '403': error, '404': error, '409': error, '422': error };
const anyJson = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const withBody = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Numeric id (components also accept their slug).' };
const secured = { security: [{ bearer: [] }] };

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
        summary: `Statuspage-compatible ${file}`,
        responses: { '200': { description: 'OK', content: { 'application/json': { schema } } } },
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
      post: { tags: ['Verbs'], ...secured, summary: `${name} (needs ${verb.permission})`, requestBody: withBody(body(schema)), responses: { '200': anyJson('The verb\'s result'), ...errors } },
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
      schemas: { Error: errorResponseSchema },
    },
    paths: {
      ...v2Paths(),
      ...verbPaths(),
      '/api/v1/verbs/{name}': {
        parameters: [{ name: 'name', in: 'path', required: true, schema: { enum: [...VERBS.keys()].filter((n) => !NOT_IN_API.has(n)).sort() } }],
        post: { tags: ['Verbs'], ...secured, summary: 'Any admin action by verb name; the body is that verb\'s (see the concrete paths)', requestBody: withBody({ type: 'object' }), responses: { '200': anyJson('The verb\'s result'), ...errors } },
      },
      '/api/sla.json': { get: { tags: ['Reports'], summary: 'Monthly SLA report', parameters: [{ name: 'month', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } }], responses: { '200': { description: 'SLA report', content: { 'application/json': { schema: slaReportSchema() } } }, ...errors } } },
      '/api/response-times.json': { get: { tags: ['Reports'], ...secured, summary: 'Incident response times', responses: { '200': anyJson('Response times'), ...errors } } },
      '/api/openapi.json': { get: { tags: ['Meta'], summary: 'This document', responses: { '200': anyJson('OpenAPI 3.1') } } },
      '/api/v1/components': {
        get: { tags: ['Components'], ...secured, summary: 'List components', responses: { '200': anyJson('Components'), ...errors } },
        post: { tags: ['Components'], ...secured, summary: 'Create a component', requestBody: withBody(body(ComponentCreate(now), ['visible'])), responses: { '201': anyJson('Created'), ...errors } },
      },
      '/api/v1/components/{id}': {
        parameters: [idParam],
        get: { tags: ['Components'], ...secured, summary: 'One component', responses: { '200': anyJson('Component'), ...errors } },
        patch: { tags: ['Components'], ...secured, summary: 'Edit a component or set its status', requestBody: withBody(body(ComponentEdit, ['component_id', 'visible'])), responses: { '200': anyJson('Component'), ...errors } },
      },
      '/api/v1/incidents': {
        post: { tags: ['Incidents'], ...secured, summary: 'Open (or backfill) an incident', requestBody: withBody(body(incidentCreateShape(now))), responses: { '201': anyJson('Created'), ...errors } },
      },
      '/api/v1/incidents/{id}': {
        parameters: [idParam],
        get: { tags: ['Incidents'], ...secured, summary: 'One incident', responses: { '200': anyJson('Incident'), ...errors } },
        patch: { tags: ['Incidents'], ...secured, summary: 'Exclude from or include in the SLA', requestBody: withBody({ type: 'object', additionalProperties: false, properties: { excluded_from_sla: { type: 'boolean' }, exclusion_reason: { type: ['string', 'null'] } } }), responses: { '200': anyJson('Incident'), ...errors } },
      },
      '/api/v1/incidents/{id}/updates': {
        parameters: [idParam],
        post: { tags: ['Incidents'], ...secured, summary: 'Post an update', requestBody: withBody(body(incidentUpdateShape(now), ['incident_id'])), responses: { '201': anyJson('Created'), ...errors } },
      },
      '/api/v1/maintenances': {
        post: { tags: ['Maintenance'], ...secured, summary: 'Schedule maintenance', requestBody: withBody(body(MaintenanceCreate)), responses: { '201': anyJson('Created'), ...errors } },
      },
      '/api/v1/sla/settings': {
        get: { tags: ['SLA'], ...secured, summary: 'SLA settings', responses: { '200': anyJson('Settings'), ...errors } },
        patch: { tags: ['SLA'], ...secured, summary: 'Change SLA settings', requestBody: withBody(body(slaSettingsPatchBody)), responses: { '200': anyJson('Settings'), ...errors } },
      },
    },
  };
}
