/** Statuspage's management API (https://api.statuspage.io/v1/pages/…) under /api/v1/pages: path → handler, answers in its shapes. */
import { authorize } from '../auth/permissions';
import { NotFoundError } from '../errors';
import type { VerbContext } from '../features/verb';
import { json } from '../http/api-response';
import { statuspageError, toStatuspageError } from '../http/error-adapters';
import * as components from './components';
import * as incidents from './incidents';
import * as postmortems from './postmortems';
import * as subscribers from './subscribers';
import * as templates from './templates';
import { findPage, listPages, type SpPageRef } from './page';
import { spendRequest } from './rate-limit';
import { pageJson } from './views';

type Handler = (
  ctx: VerbContext,
  page: SpPageRef,
  args: { id: string; sub: string; request: Request; search: URLSearchParams },
) => unknown;
interface Route {
  /** Path after /pages/{page_id}; `:id` and `:sub` are one segment each. */
  path: string;
  methods: Partial<Record<string, Handler>>;
  /** Status of a successful write (Statuspage answers 201 to a create). */
  created?: boolean;
}

const MAINTENANCE_LISTS = ['upcoming', 'scheduled', 'active_maintenance'] as const;

const ROUTES: Route[] = [
  { path: '', methods: { GET: (ctx, page) => (authorize(ctx.actor, 'admin.open'), pageJson(page)) } },
  {
    path: 'components',
    methods: {
      GET: (ctx, page) => components.listComponents(ctx, page),
      POST: (ctx, page, a) => components.createSpComponent(ctx, page, a.request),
    },
    created: true,
  },
  {
    path: 'components/:id',
    methods: {
      GET: (ctx, page, a) => components.getComponent(ctx, page, a.id),
      PATCH: (ctx, page, a) => components.updateSpComponent(ctx, page, a.id, a.request),
      PUT: (ctx, page, a) => components.updateSpComponent(ctx, page, a.id, a.request),
      DELETE: (ctx, _page, a) => components.deleteSpComponent(ctx, a.id),
    },
  },
  {
    path: 'component-groups',
    methods: {
      GET: (ctx, page) => components.listSpGroups(ctx, page),
      POST: (ctx, page, a) => components.createSpGroup(ctx, page, a.request),
    },
    created: true,
  },
  {
    path: 'component-groups/:id',
    methods: {
      GET: (ctx, page, a) => components.getSpGroup(ctx, page, a.id),
      PATCH: (ctx, page, a) => components.updateSpGroup(ctx, page, a.id, a.request),
      PUT: (ctx, page, a) => components.updateSpGroup(ctx, page, a.id, a.request),
      DELETE: (ctx, page, a) => components.deleteSpGroup(ctx, page, a.id),
    },
  },
  {
    path: 'incidents',
    methods: {
      GET: (ctx, page, a) => incidents.listSpIncidents(ctx, page, a.search),
      POST: (ctx, page, a) => incidents.createSpIncident(ctx, page, a.request),
    },
    created: true,
  },
  {
    path: 'incidents/unresolved',
    methods: { GET: (ctx, page, a) => incidents.listSpIncidents(ctx, page, a.search, true) },
  },
  ...MAINTENANCE_LISTS.map((which): Route => ({
    path: `incidents/${which}`,
    methods: { GET: (ctx, page) => incidents.listSpMaintenances(ctx, page, which) },
  })),
  {
    path: 'incidents/:id',
    methods: {
      GET: (ctx, page, a) => incidents.getSpIncident(ctx, page, a.id),
      PATCH: (ctx, page, a) => incidents.updateSpIncident(ctx, page, a.id, a.request),
      PUT: (ctx, page, a) => incidents.updateSpIncident(ctx, page, a.id, a.request),
      DELETE: (ctx, page, a) => incidents.deleteSpIncident(ctx, page, a.id),
    },
  },
  {
    path: 'incidents/:id/incident_updates/:sub',
    methods: {
      PATCH: (ctx, page, a) => postmortems.editSpIncidentUpdate(ctx, page, a.id, a.sub, a.request),
      PUT: (ctx, page, a) => postmortems.editSpIncidentUpdate(ctx, page, a.id, a.sub, a.request),
    },
  },
  {
    path: 'incidents/:id/postmortem',
    methods: {
      GET: (ctx, _page, a) => postmortems.getSpPostmortem(ctx, a.id),
      PUT: (ctx, _page, a) => postmortems.putSpPostmortem(ctx, a.id, a.request),
      DELETE: (ctx, _page, a) => postmortems.deleteSpPostmortem(ctx, a.id),
    },
  },
  {
    path: 'incidents/:id/postmortem/publish',
    methods: { PUT: (ctx, _page, a) => postmortems.publishSpPostmortem(ctx, a.id, a.request) },
  },
  {
    path: 'incident_templates',
    methods: {
      GET: (ctx) => templates.listSpTemplates(ctx),
      POST: (ctx, _page, a) => templates.createSpTemplate(ctx, a.request),
    },
    created: true,
  },
  {
    path: 'subscribers',
    methods: {
      GET: (ctx, _page, a) => subscribers.listSpSubscribers(ctx, a.search),
      POST: (ctx, _page, a) => subscribers.createSpSubscriber(ctx, a.request),
    },
    created: true,
  },
  {
    path: 'subscribers/:id',
    methods: {
      GET: (ctx, _page, a) => subscribers.getSpSubscriber(ctx, a.id),
      DELETE: (ctx, _page, a) => subscribers.deleteSpSubscriber(ctx, a.id),
    },
  },
  {
    path: 'subscribers/:id/resend_confirmation',
    methods: { POST: (ctx, _page, a) => (subscribers.resendSpConfirmation(ctx, a.id), undefined) },
    created: true,
  },
  {
    path: 'incidents/:id/postmortem/revert',
    methods: { PUT: (ctx, _page, a) => postmortems.revertSpPostmortem(ctx, a.id) },
  },
];

/** Segments of the path after /api/v1/pages, with Statuspage's optional `.json` on the last one. */
function spSegments(path: string | undefined): string[] {
  const segs = (path ?? '').split('/').filter((s) => s !== '');
  if (segs.length) segs[segs.length - 1] = segs[segs.length - 1].replace(/\.json$/, '');
  return segs;
}

function match(rest: string[]): { route: Route; id: string; sub: string } | null {
  for (const route of ROUTES) {
    const parts = route.path === '' ? [] : route.path.split('/');
    if (parts.length !== rest.length) continue;
    const params: Record<string, string> = {};
    if (parts.every((p, i) => (p.startsWith(':') ? ((params[p] = rest[i]), true) : p === rest[i])))
      return { route, id: params[':id'] ?? '', sub: params[':sub'] ?? '' };
  }
  return null;
}

async function dispatch(ctx: VerbContext, request: Request, segs: string[]): Promise<Response> {
  if (segs.length === 0) {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return statuspageError(405, 'Use GET.', undefined, 'method_not_allowed');
    authorize(ctx.actor, 'admin.open');
    return json(listPages(ctx).map(pageJson));
  }
  const page = findPage(ctx, segs[0]);
  const found = match(segs.slice(1));
  if (!found) throw new NotFoundError('The requested resource could not be found.');
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const handler = found.route.methods[method];
  if (!handler) {
    const res = statuspageError(
      405,
      `Use ${Object.keys(found.route.methods).join(', ')}.`,
      undefined,
      'method_not_allowed',
    );
    res.headers.set('allow', Object.keys(found.route.methods).join(', '));
    return res;
  }
  const body = await handler(ctx, page, {
    id: found.id,
    sub: found.sub,
    request,
    search: new URL(request.url).searchParams,
  });
  if (body === undefined) return new Response(null, { status: method === 'POST' && found.route.created ? 201 : 204 });
  return json(body, method === 'POST' && found.route.created ? 201 : 200);
}

/** Answers one request to /api/v1/pages/…, within the key's rate budget; every error leaves in Statuspage's error body. */
export async function statuspageApi(ctx: VerbContext, request: Request, path: string | undefined): Promise<Response> {
  const rate = spendRequest(ctx.actor, ctx.now);
  let res: Response;
  if (!rate.ok)
    res = statuspageError(
      429,
      'Rate limit exceeded: too many requests with this key. Retry after the time in Retry-After.',
      undefined,
      'rate_limited',
    );
  else {
    try {
      res = await dispatch(ctx, request, spSegments(path));
    } catch (err) {
      res = toStatuspageError(err);
    }
  }
  for (const [k, v] of Object.entries(rate.headers)) res.headers.set(k, v);
  return res;
}
