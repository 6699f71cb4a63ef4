/** The OpenAPI document is valid OpenAPI 3.1 and lists every route file and method under src/pages/api. */
import fs from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document';

const API_DIR = path.resolve('src/pages/api');
const doc = openApiDocument('https://status.example.com') as { openapi: string; paths: Record<string, Record<string, unknown>> };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** src/pages/api/v1/incidents/[id]/index.ts → /api/v1/incidents/{id}; catch-alls (JSON 404s) have no path. */
function openApiPath(file: string): string | null {
  const rel = path.relative(path.resolve('src/pages'), file).replace(/\.ts$/, '').replace(/\/index$/, '');
  if (rel.includes('[...')) return null;
  return `/${rel.replace(/\[(\w+)\]/g, '{$1}')}`;
}

describe('/api/openapi.json', () => {
  it('is valid OpenAPI 3.1 by an independent validator', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  const routes = routeFiles(API_DIR).map((f) => ({ file: path.relative(API_DIR, f), path: openApiPath(f), src: fs.readFileSync(f, 'utf8') })).filter((r) => r.path !== null);
  it.each(routes)('describes $file with each of its methods', ({ path: p, src }) => {
    const item = doc.paths[p!];
    expect(item, `${p} missing from the OpenAPI document`).toBeDefined();
    const methods = [...src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1].toLowerCase());
    expect(methods.length).toBeGreaterThan(0);
    for (const m of methods) expect(item[m], `${m.toUpperCase()} ${p}`).toBeDefined();
  });

  it('takes request bodies from the zod schemas the routes parse with', () => {
    const post = doc.paths['/api/v1/incidents'].post as any;
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.properties.impact.enum).toEqual(['none', 'minor', 'major', 'critical']);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'impact', 'status', 'body']));
  });
});
