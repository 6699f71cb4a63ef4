/** Components and component groups through Statuspage's management API; every write is one of our verbs. */
import { spBoolean } from '../../domain/statuspage-write';
import { listComponentsForOperator } from '../features/components/queries';
import {
  createComponent,
  createGroup,
  deleteComponent,
  deleteGroup,
  editComponent,
  editGroup,
  setComponentStatus,
} from '../features/components/verbs';
import { withTransaction, type VerbContext } from '../features/verb';
import { NotFoundError } from '../errors';
import { listGroups } from '../queries/admin';
import { readSpBody } from './body';
import { parseSpId, requireSpId } from './ids';
import type { SpPageRef } from './page';
import { componentJson, componentsJson, groupJson, spView } from './views';

const COMPONENT_FIELDS = ['name', 'description', 'status', 'group_id', 'showcase', 'start_date'] as const;
const GROUP_FIELDS = ['name', 'description', 'components'] as const;

function load(ctx: VerbContext, page: SpPageRef) {
  const comps = listComponentsForOperator(ctx);
  const groups = listGroups(ctx.db);
  return { comps, groups, view: spView(page, groups, comps) };
}

export function listComponents(ctx: VerbContext, page: SpPageRef) {
  return componentsJson(load(ctx, page).view);
}

export function getComponent(ctx: VerbContext, page: SpPageRef, rawId: string) {
  const c = componentJson(load(ctx, page).view, rawId);
  if (!c) throw new NotFoundError('The requested resource could not be found.');
  return c;
}

/** `group_id` as Statuspage spells it (`g3`), or ours (3); empty clears it. */
function groupRef(v: unknown): unknown {
  if (v === null || v === '') return null;
  if (typeof v === 'string' && /^g\d+$/.test(v)) return Number(v.slice(1));
  return v;
}

/** Statuspage's component fields → ours; `status` and `only_show_if_degraded` are handled apart. */
function componentInput(body: Record<string, unknown>) {
  return {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.description !== undefined && { description: body.description }),
    ...(body.group_id !== undefined && { group_id: groupRef(body.group_id) }),
    ...(body.showcase !== undefined && { showcase: spBoolean(body.showcase) }),
  };
}

export async function createSpComponent(ctx: VerbContext, page: SpPageRef, request: Request) {
  const body = await readSpBody(request, 'component', COMPONENT_FIELDS);
  const row = withTransaction(ctx, () => {
    const created = createComponent(ctx, { ...componentInput(body), start_date: body.start_date });
    if (body.status !== undefined && body.status !== '')
      setComponentStatus(ctx, { component_id: created.id, status: body.status });
    return created;
  });
  return getComponent(ctx, page, String(row.id));
}

/** PATCH and PUT alike: the fields sent change, the rest stay (Statuspage's PUT is partial too). */
export async function updateSpComponent(ctx: VerbContext, page: SpPageRef, rawId: string, request: Request) {
  const id = requireSpId('component', rawId);
  const body = await readSpBody(request, 'component', COMPONENT_FIELDS);
  const fields = componentInput(body);
  withTransaction(ctx, () => {
    if (Object.keys(fields).length) editComponent(ctx, { ...fields, component_id: id });
    if (body.status !== undefined && body.status !== '')
      setComponentStatus(ctx, { component_id: id, status: body.status });
  });
  return getComponent(ctx, page, rawId);
}

export function deleteSpComponent(ctx: VerbContext, rawId: string): void {
  deleteComponent(ctx, { component_id: requireSpId('component', rawId) });
}

export function listSpGroups(ctx: VerbContext, page: SpPageRef) {
  const { comps, groups, view } = load(ctx, page);
  return groups.map((g) => groupJson(view, g, comps));
}

export function getSpGroup(ctx: VerbContext, page: SpPageRef, rawId: string) {
  const id = parseSpId('group', rawId);
  const { comps, groups, view } = load(ctx, page);
  const g = groups.find((x) => x.id === id);
  if (!g) throw new NotFoundError('The requested resource could not be found.');
  return groupJson(view, g, comps);
}

/** Statuspage's `components` is the group's whole list: listed ones move in, the others leave it. */
function setMembers(ctx: VerbContext, groupId: number, list: unknown, current: readonly string[] = []): void {
  if (list === undefined) return;
  const ids = (Array.isArray(list) ? list : [list]).map(String);
  for (const raw of current) if (!ids.includes(raw)) editComponent(ctx, { component_id: raw, group_id: null });
  for (const raw of ids) editComponent(ctx, { component_id: raw, group_id: groupId });
}

export async function createSpGroup(ctx: VerbContext, page: SpPageRef, request: Request) {
  const body = await readSpBody(request, 'component_group', GROUP_FIELDS);
  const g = withTransaction(ctx, () => {
    const created = createGroup(ctx, { name: body.name, description: body.description });
    setMembers(ctx, created.id, body.components);
    return created;
  });
  return getSpGroup(ctx, page, `g${g.id}`);
}

export async function updateSpGroup(ctx: VerbContext, page: SpPageRef, rawId: string, request: Request) {
  const current = getSpGroup(ctx, page, rawId);
  const id = requireSpId('group', rawId);
  const body = await readSpBody(request, 'component_group', GROUP_FIELDS);
  withTransaction(ctx, () => {
    if (body.name !== undefined || body.description !== undefined)
      editGroup(ctx, {
        group_id: id,
        name: body.name ?? current.name,
        description: body.description ?? current.description,
      });
    setMembers(ctx, id, body.components, current.components);
  });
  return getSpGroup(ctx, page, rawId);
}

export function deleteSpGroup(ctx: VerbContext, page: SpPageRef, rawId: string) {
  const before = getSpGroup(ctx, page, rawId);
  deleteGroup(ctx, { group_id: requireSpId('group', rawId) });
  return before;
}
