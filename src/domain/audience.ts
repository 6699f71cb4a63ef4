/** Who hears about a change: one rule for e-mail subscribers and webhook/chat channels. */

/** What a subscriber follows: everything, or chosen components and whole groups. */
export interface Following {
  all: boolean;
  componentIds: readonly number[];
  groupIds: readonly number[];
}

/** A change with no components reaches only those following everything; otherwise a followed component or its group. */
export function follows(f: Following, affected: readonly number[], groupOf: ReadonlyMap<number, number | null>): boolean {
  if (f.all) return true;
  return affected.some((c) => f.componentIds.includes(c) || (groupOf.get(c) != null && f.groupIds.includes(groupOf.get(c)!)));
}

/** What a subscriber follows, in words: "All components", or the chosen groups ("Core (group)") then components; unknown ids by number. */
export function followedNames(f: Following, names: { components: ReadonlyMap<number, string>; groups: ReadonlyMap<number, string> }): string[] {
  if (f.all) return ['All components'];
  return [...f.groupIds.map((g) => `${names.groups.get(g) ?? g} (group)`), ...f.componentIds.map((c) => names.components.get(c) ?? String(c))];
}
