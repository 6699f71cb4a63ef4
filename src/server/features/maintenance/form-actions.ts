/** The actions of a window's admin page; cancelling or completing runs only from its confirmation step. */
import type { MaintenanceAction } from '../../../domain/maintenance';
import { confirmedAt } from '../../http/confirmations';
import type { FormAction } from '../forms';
import * as verbs from './verbs';

/** Actions that end a window for good: the page asks first (a step that works without JavaScript). */
export const CONFIRMED_ACTIONS: ReadonlySet<MaintenanceAction> = new Set(['complete', 'cancel']);

/** The page of window `id`, optionally at its confirmation step for `action`. */
export const maintenancePath = (id: number, confirm?: MaintenanceAction) => `/admin/maintenance/${id}${confirm ? `?confirm=${confirm}` : ''}`;

/** The form actions of window `id`'s page; a destructive one posted without `confirm=yes` goes to its confirmation step. */
export function maintenanceFormActions(id: number): Map<string, FormAction> {
  const done = (key: Parameters<typeof confirmedAt>[1]) => confirmedAt(maintenancePath(id), key, id);
  const confirmed = (action: MaintenanceAction, run: FormAction): FormAction => (c, v) => (v.confirm === 'yes' ? run(c, v) : maintenancePath(id, action));
  return new Map<string, FormAction>([
    ['edit', (c, v) => (verbs.editMaintenance(c, { ...v, components: v.components ?? '' }), done('maintenance-edited'))],
    ['update', (c, v) => (verbs.postMaintenanceUpdate(c, v), done('maintenance-update'))],
    ['start', (c, v) => (verbs.startMaintenance(c, v), done('maintenance-started'))],
    ['extend', (c, v) => (verbs.extendMaintenance(c, v), done('maintenance-extended'))],
    ['complete', confirmed('complete', (c, v) => (verbs.completeMaintenance(c, v), done('maintenance-completed')))],
    ['cancel', confirmed('cancel', (c, v) => (verbs.cancelMaintenance(c, v), done('maintenance-cancelled')))],
  ]);
}
