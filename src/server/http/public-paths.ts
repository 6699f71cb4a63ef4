/** Which GET paths are public and cacheable, and the query parameters that make a distinct response. */
const RULES: { pattern: RegExp; params: string[] }[] = [
  { pattern: /^\/$/, params: [] },
  { pattern: /^\/history$/, params: ['page', 'component'] },
  { pattern: /^\/maintenance$/, params: [] },
  { pattern: /^\/maintenance\/[^/]+$/, params: [] },
  { pattern: /^\/sla$/, params: ['month'] },
  { pattern: /^\/sla\.csv$/, params: ['month'] },
  { pattern: /^\/api\/sla\.json$/, params: ['month'] },
  { pattern: /^\/incidents\/[^/]+$/, params: [] },
  { pattern: /^\/components\/[^/]+$/, params: [] },
  { pattern: /^\/components\/[^/]+\/(feed\.xml|feed\.atom|badge\.svg)$/, params: ['uptime'] },
  { pattern: /^\/(feed\.xml|feed\.atom|feed\.json|history\.rss|history\.atom|maintenance\.ics|badge\.svg)$/, params: ['uptime'] },
  { pattern: /^\/api\/v2\/[a-z/_-]+\.json$/, params: [] },
  { pattern: /^\/api\/openapi\.json$/, params: [] },
];

/** The cache key of a public GET, or null when the path is not publicly cacheable. */
export function publicCacheKey(rawUrl: string): string | null {
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const rule = RULES.find((r) => r.pattern.test(path));
  if (!rule) return null;
  if (q === -1 || rule.params.length === 0) return path;
  const search = new URLSearchParams(rawUrl.slice(q + 1));
  const kept = rule.params.filter((p) => search.has(p)).map((p) => `${p}=${encodeURIComponent(search.get(p) ?? '')}`);
  return kept.length ? `${path}?${kept.join('&')}` : path;
}

/** A page of the incident history, of every component or of one, as the history page and the static export link it. */
export function historyUrl(slug: string | null, page: number): string {
  if (!slug) return page === 1 ? '/history' : `/history?page=${page}`;
  return `/history?${new URLSearchParams({ component: slug, page: String(page) })}`;
}

/** Paths read by other sites' widgets and tools: answered with CORS `*`. */
export function isCorsPath(path: string): boolean {
  return path.startsWith('/api/v2/') || path.endsWith('.svg') || path === '/api/sla.json';
}
