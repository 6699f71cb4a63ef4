/** The README's configuration table lists exactly the variables of the schema, with their defaults and descriptions. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from './env-schema';
import { envDoc } from './env-vars';

const NO_DEFAULT = new Set(['–', '—', '-', 'unset', '']);
const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1');

/** The rows of the table under "## Configuration", as [variable, default or null, description]. */
function readmeRows(): [string, string | null, string][] {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## Configuration\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return rows.map((row) => {
    const [name, def, ...meaning] = row.slice(2, -2).split(' | ');
    return [unquote(name), NO_DEFAULT.has(def) ? null : unquote(def), meaning.join(' | ')];
  });
}

function schemaRows(): [string, string | null, string][] {
  return Object.entries(EnvSchema.shape).map(([name, schema]) => {
    const doc = envDoc(schema);
    if (!doc) throw new Error(`${name} has no README entry (declare it with withDefault or optional)`);
    return [name, doc.default, doc.description];
  });
}

describe('README configuration table', () => {
  it('is the schema: same variables in the same order, same defaults, same descriptions', () => {
    const readme = readmeRows();
    expect(readme.length).toBeGreaterThan(0);
    // One row per variable, so a joined row ("`A`, `B`") cannot hide a variable.
    expect(readme.map(([name]) => name).filter((name) => !/^[A-Z][A-Z0-9_]*$/.test(name))).toEqual([]);
    expect(readme).toEqual(schemaRows());
  });

  it('every default the schema documents parses without error', () => {
    const env = Object.fromEntries(schemaRows().flatMap(([name, def]) => (def === null || def.includes('$') ? [] : [[name, def]])));
    expect(EnvSchema.safeParse(env).success).toBe(true);
  });
});
