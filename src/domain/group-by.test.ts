import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by';

describe('groupBy', () => {
  it('groups rows by key and keeps their order within each group', () => {
    const rows = [{ c: 2, n: 'a' }, { c: 1, n: 'b' }, { c: 2, n: 'c' }];
    const g = groupBy(rows, (r) => r.c);
    expect([...g.keys()]).toEqual([2, 1]);
    expect(g.get(2)!.map((r) => r.n)).toEqual(['a', 'c']);
    expect(g.get(1)!.map((r) => r.n)).toEqual(['b']);
    expect(groupBy([], (r: { c: number }) => r.c).size).toBe(0);
  });
});
