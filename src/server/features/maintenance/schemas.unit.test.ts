import { describe, expect, it } from 'vitest';
import { MaintenanceCreate } from './schemas';

const base = { name: 'DB upgrade', scheduled_for: '2030-01-01T00:00Z', scheduled_until: '2030-01-01T01:00Z' };

describe('MaintenanceCreate reads the form and the API alike', () => {
  it.each([
    ['a JSON array of ids and slugs', [1, 'db-eu'], [1, 'db-eu']],
    ['the form’s joined checkboxes', '3,7', ['3', '7']],
    ['no checkbox ticked', '', []],
    ['absent', undefined, []],
  ])('components as %s', (_, components, expected) => {
    expect(MaintenanceCreate.parse({ ...base, components }).components).toEqual(expected);
  });

  it.each([[[0]], [[{}]], [['x'.repeat(101)]], [42]])('puts a bad component list %j on the components field', (components) => {
    const r = MaintenanceCreate.safeParse({ ...base, components });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['components']);
  });

  it('reads a form checkbox and a JSON boolean for notify, and requires both times', () => {
    expect(MaintenanceCreate.parse({ ...base, notify: 'on' }).notify).toBe(true);
    expect(MaintenanceCreate.parse({ ...base, notify: false }).notify).toBe(false);
    expect(MaintenanceCreate.safeParse({ ...base, scheduled_until: '' }).success).toBe(false);
  });
});
