/** Every page route in src/pages (the .astro files), as a URL the seeded fixture can answer. */
import fs from 'node:fs';
import path from 'node:path';

const PAGES = path.resolve(import.meta.dirname, '../../src/pages');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.astro') ? [path.join(dir, e.name)] : []));
}

/** Route patterns such as "/admin/incidents/[id]" from the page files, sorted. */
export function pageRoutes(): string[] {
  return walk(PAGES)
    .map((f) => '/' + path.relative(PAGES, f).replace(/\.astro$/, '').replace(/(^|\/)index$/, ''))
    .map((r) => (r === '/' ? r : r.replace(/\/$/, '')))
    .sort();
}

/** Fills a route's parameters; throws for a route nobody taught it, so a new page cannot be skipped. */
export function concrete(route: string, params: Record<string, string>): string {
  if (route === '/404') return '/no-such-page';
  return route.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const key = `${route}:${name}`;
    const v = params[key] ?? params[name];
    if (v === undefined) throw new Error(`no value for ${name} in ${route}: add it to the spec`);
    return v;
  });
}
