/**
 * Issue 25: after any sequence of operator actions that ends with every incident resolved and the hand-set statuses
 * the admin warns about cleared, every component is operational — in the stored status, the admin's status view
 * and the /api/v2 read model; and mid-sequence the public never shows a problem the admin does not explain.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../../testing/db';
import { operatorSequence, runSequence } from '../../testing/operator-sequences';
import { listComponentsAdmin } from '../queries/admin';
import { spSummary } from '../queries/statuspage';
import { componentStatusViews, leftoverManualStatuses } from '../queries/status-sources';

const START = Date.UTC(2026, 11, 1);

describe('wound down, everything is operational everywhere', () => {
  it('for any sequence of declare, update, set by hand or as an update, resolve (keeping or not), maintenance, once the warnings are cleared', () => {
    fc.assert(
      fc.property(operatorSequence, (actions) => {
        const db = freshDb();
        const now = runSequence(db, actions, START, true, (expected, at) => {
          // Rule 7: only hand-set statuses from before an incident, or kept, outlive the resolves — and each warns.
          expect(leftoverManualStatuses(db, at).map((c) => c.name.toLowerCase()).sort()).toEqual(expected);
        });
        const comps = listComponentsAdmin(db);
        expect(comps.map((c) => c.status)).toEqual(comps.map(() => 'operational'));
        const views = componentStatusViews(db, comps.map((c) => c.id), now);
        expect([...views.values()].map((v) => v.explained.status)).toEqual(comps.map(() => 'operational'));
        expect(leftoverManualStatuses(db, now)).toEqual([]);
        const summary = spSummary(db, now);
        expect(summary.status.indicator).toBe('none');
        expect(summary.components.map((c) => c.status)).toEqual(summary.components.map(() => 'operational'));
        expect(summary.incidents).toEqual([]);
        db.$client.close();
      }),
      { numRuns: 40 },
    );
  });

});

describe('the public never shows more than the admin', () => {
  it('mid-sequence, every component not operational in /api/v2 is held by an open incident, a running window, or warned about as a leftover', () => {
    fc.assert(
      fc.property(operatorSequence, (actions) => {
        const db = freshDb();
        const now = runSequence(db, actions, START, false);
        const comps = listComponentsAdmin(db);
        const views = componentStatusViews(db, comps.map((c) => c.id), now);
        const bySlug = new Map(comps.map((c) => [c.name, views.get(c.id)!]));
        for (const c of spSummary(db, now).components) {
          if (c.status === 'operational') continue;
          const v = bySlug.get(c.name)!;
          const explained = v.openIncidents.length > 0 || v.explained.deciders.some((d) => d.source === 'maintenance') || v.leftover;
          expect(explained, `${c.name}: ${c.status} (${v.label})`).toBe(true);
        }
        db.$client.close();
      }),
      { numRuns: 40 },
    );
  });
});
