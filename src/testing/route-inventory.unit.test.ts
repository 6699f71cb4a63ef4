/** Every route file under src/pages is classified: protected by the guard, or on the explicit public list. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { accessFor, isPublicRoute, PUBLIC_ROUTES } from '../server/auth/guard';
import { routeFiles } from './http-helpers';

const PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../pages');
const routes = routeFiles(PAGES);

describe('route inventory', () => {
  it('finds the route files', () => {
    expect(routes.map((r) => r.route)).toEqual(expect.arrayContaining(['/', '/admin/users', '/api/v1/incidents/[id]', '/components/[slug]', '/api/v2/[...path]']));
  });

  it.each(routes)('$file is protected or listed as public', ({ route, url }) => {
    const protectedRoute = accessFor(url) !== 'public';
    const listed = (PUBLIC_ROUTES as readonly string[]).includes(route);
    // Exactly one; the front layer answers anonymous requests for paths in neither with a shared 404 page.
    expect(protectedRoute !== listed, `${route}: add it to PUBLIC_ROUTES in src/server/auth/guard.ts or protect it in accessFor`).toBe(true);
    expect(isPublicRoute(url)).toBe(listed);
  });

  it('lists no public route that has no file', () => {
    const files = new Set(routes.map((r) => r.route));
    expect(PUBLIC_ROUTES.filter((r) => !files.has(r))).toEqual([]);
  });
});
