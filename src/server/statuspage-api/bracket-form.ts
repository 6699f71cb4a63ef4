/** Rails-style form bodies as Statuspage reads them: `incident[name]=x&incident[component_ids][]=a` → nested objects. */

type Tree = Record<string, unknown>;

/** `a[b][]` → ['a', 'b', '']; null for a malformed key (unbalanced brackets). */
function keyPath(key: string): string[] | null {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!m) return null;
  const rest = [...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]);
  return [m[1], ...rest];
}

function put(tree: Tree, path: string[], value: string): boolean {
  let node: Tree = tree;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (path[i + 1] === '') {
      // `k[]` appends: only valid as the last step.
      if (i + 2 !== path.length) return false;
      const list = node[k] ?? [];
      if (!Array.isArray(list)) return false;
      node[k] = [...list, value];
      return true;
    }
    const next = node[k] ?? {};
    if (typeof next !== 'object' || Array.isArray(next) || next === null) return false;
    node[k] = next;
    node = next as Tree;
  }
  const last = path[path.length - 1];
  if (last === '' || typeof node[last] === 'object') return false;
  node[last] = value;
  return true;
}

/** The nested object a form body spells, or the list of keys that could not be read. */
export function parseBracketForm(
  params: URLSearchParams,
): { ok: true; value: Tree } | { ok: false; badKeys: string[] } {
  const tree: Tree = Object.create(null);
  const badKeys: string[] = [];
  for (const [key, value] of params) {
    const path = keyPath(key);
    if (!path || !put(tree, path, value)) badKeys.push(key);
  }
  return badKeys.length ? { ok: false, badKeys } : { ok: true, value: { ...tree } };
}
