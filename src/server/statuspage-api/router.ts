/** Statuspage's management API (https://api.statuspage.io/v1/pages/…) under /api/v1/pages: path → handler, answers in its shapes. */
import { authorize } from '../auth/permissions';
import { NotFoundError } from '../errors';
import type { VerbContext } from '../features/verb';
import { json } from '../http/api-response';
import { statuspageError, toStatuspageError } from '../http/error-adapters';
import * as components from './components';
import * as incidents from './incidents';
import { findPage, listPages, type SpPageRef } from './page';
import { pageJson } from './views';

type Handler = (ctx: VerbContext, page: SpPageRef, args: { id: string; request: Request; search: URLSearchParams }) => unknown;
interface Route {
  /** Path after /pages/{page_id}; `:id` is one segment. */
  path: string;
  methods: Partial<Record<string, Handler>>;
  /** Status of a successful write (Statuspage answers 201 to a create). */
  created?: boolean;
}

const MAINTENANCE_LISTS = ['upcoming', 'scheduled', 'active_maintenance'] as const;

const ROUTES: Route[] = [
  { path: '', methods: { GET: (ctx, page) => (authorize(ctx.actor, 'admin.open'), pageJson(page)) } },
  { path: 'components', methods: { GET: (ctx, page) => components.listComponents(ctx, page), POST: (ctx, page, a) => components.createSpComponent(ctx, page, a.request) }, created: true },
  {
    path: 'components/:id',
    methods: {
      GET: (ctx, page, a) => components.getComponent(ctx, page, a.id),
      PATCH: (ctx, page, a) => components.updateSpComponent(ctx, page, a.id, a.request),
      PUT: (ctx, page, a) => components.updateSpComponent(ctx, page, a.id, a.request),
      DELETE: (ctx, _page, a) => components.deleteSpComponent(ctx, a.id),
    },
  },
  { path: 'component-groups', methods: { GET: (ctx, page) => components.listSpGroups(ctx, page), POST: (ctx, page, a) => components.createSpGroup(ctx, page, a.request) }, created: true },
  {
    path: 'component-groups/:id',
    methods: {
      GET: (ctx, page, a) => components.getSpGroup(ctx, page, a.id),
      PATCH: (ctx, page, a) => components.updateSpGroup(ctx, page, a.id, a.request),
      PUT: (ctx, page, a) => components.updateSpGroup(ctx, page, a.id, a.request),
      DELETE: (ctx, page, a) => components.deleteSpGroup(ctx, page, a.id),
    },
  },
  { path: 'incidents', methods: { GET: (ctx, page, a) => incidents.listSpIncidents(ctx, page, a.search), POST: (ctx, page, a) => incidents.createSpIncident(ctx, page, a.request) }, created: true },
  { path: 'incidents/unresolved', methods: { GET: (ctx, page, a) => incidents.listSpIncidents(ctx, page, a.search, true) } },
  ...MAINTENANCE_LISTS.map((which) => ({ path: `incidents/${which}`, methods: { GET: ((ctx, page) => incidents.listSpMaintenances(ctx, page, which)) as Handler } })),
  {
    path: 'incidents/:id',
    methods: {
      GET: (ctx, page, a) => incidents.getSpIncident(ctx, page, a.id),
      PATCH: (ctx, page, a) => incidents.updateSpIncident(ctx, page, a.id, a.request),
      PUT: (ctx, page, a) => incidents.updateSpIncident(ctx, page, a.id, a.request),
      DELETE: (ctx, page, a) => incidents.deleteSpIncident(ctx, page, a.id),
    },
  },
];

/** Segments of the path after /api/v1/pages, with Statuspage's optional `.json` on the last one. */
function spSegments(path: string | undefined): string[] {
  const segs = (path ?? '').split('/').filter((s) => s !== '');
  if (segs.length) segs[segs.length - 1] = segs[segs.length - 1].replace(/\.json$/, '');
  return segs;
}

function match(rest: string[]): { route: Route; id: string } | null {
  for (const route of ROUTES) {
    const parts = route.path === '' ? [] : route.path.split('/');
    if (parts.length !== rest.length) continue;
    let id = '';
    if (parts.every((p, i) => (p === ':id' ? ((id = rest[i]), true) : p === rest[i]))) return { route, id };
  }
  return null;
}

async function dispatch(ctx: VerbContext, request: Request, segs: string[]): Promise<Response> {
  if (segs.length === 0) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return statuspageError(405, 'Use GET.');
    authorize(ctx.actor, 'admin.open');
    return json(listPages(ctx).map(pageJson));
  }
  const page = findPage(ctx, segs[0]);
  const found = match(segs.slice(1));
  if (!found) throw new NotFoundError('The requested resource could not be found.');
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const handler = found.route.methods[method];
  if (!handler) {
    const res = statuspageError(405, `Use ${Object.keys(found.route.methods).join(', ')}.`);
    res.headers.set('allow', Object.keys(found.route.methods).join(', '));
    return res;
  }
  const body = await handler(ctx, page, { id: found.id, request, search: new URL(request.url).searchParams });
  if (body === undefined) return new Response(null, { status: 204 });
  return json(body, method === 'POST' && found.route.created ? 201 : 200);
}

/** Answers one request to /api/v1/pages/…; every error leaves in Statuspage's error body. */
export async function statuspageApi(ctx: VerbContext, request: Request, path: string | undefined): Promise<Response> {
  try {
    return await dispatch(ctx, request, spSegments(path));
  } catch (err) {
    return toStatuspageError(err);
  }
}
