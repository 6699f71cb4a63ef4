/** Component and group verbs. */
import { authorize } from '../../auth/permissions';
import * as components from '../../services/components';
import { postStatusAsUpdate } from '../../services/status-as-update';
import { defineVerb } from '../verb';
import { ComponentCreate, ComponentEdit, ComponentMove, ComponentRef, ComponentStatusInput, GroupCreate, GroupEdit, GroupRef } from './schemas';

export const createComponent = defineVerb('component.create', 'component.create', (ctx) => ComponentCreate(ctx.now), (ctx, d) =>
  components.createComponent(ctx.db, { name: d.name, slug: d.slug, description: d.description, groupId: d.group_id, target: d.target, visible: d.visible, showcase: d.showcase, startDate: d.start_date }, ctx.actor, ctx.now),
);

export const editComponent = defineVerb('component.edit', 'component.edit', ComponentEdit, (ctx, d) =>
  components.updateComponent(ctx.db, d.component_id, { name: d.name, slug: d.slug ?? undefined, description: d.description, groupId: d.group_id, target: d.target, visible: d.visible, showcase: d.showcase }, ctx.actor, ctx.now),
);

export const deleteComponent = defineVerb('component.delete', 'component.delete', ComponentRef, (ctx, d) => components.deleteComponent(ctx.db, d.component_id, ctx.actor, ctx.now));

export const moveComponent = defineVerb('component.move', 'component.move', ComponentMove, (ctx, d) => components.moveComponent(ctx.db, d.component_id, d.direction, ctx.actor, ctx.now));

/** By hand, or (with incident_id) as an update of an open incident, which also needs the right to post updates. */
export const setComponentStatus = defineVerb('component.status', 'component.status', ComponentStatusInput, (ctx, d) => {
  const status = d.status === '' || d.status === 'automatic' ? null : d.status;
  if (d.incident_id == null) return components.setComponentStatus(ctx.db, d.component_id, status, ctx.actor, ctx.now);
  authorize(ctx.actor, 'incident.update');
  return postStatusAsUpdate(ctx.db, d.incident_id, d.component_id, status, d.body?.trim() || null, ctx.actor, ctx.now);
});

export const createGroup = defineVerb('group.create', 'group.create', GroupCreate, (ctx, d) => components.createGroup(ctx.db, d, ctx.actor, ctx.now));

export const editGroup = defineVerb('group.edit', 'group.edit', GroupEdit, (ctx, d) => components.updateGroup(ctx.db, d.group_id, { name: d.name, description: d.description }, ctx.actor, ctx.now));

export const deleteGroup = defineVerb('group.delete', 'group.delete', GroupRef, (ctx, d) => components.deleteGroup(ctx.db, d.group_id, ctx.actor, ctx.now));
