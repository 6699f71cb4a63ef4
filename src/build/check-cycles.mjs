// Import-cycle check (`npm run cycles`): fails on any cycle among src/**/*.ts not in cycles-baseline.json, and on a
// baseline entry that no longer exists, so the baseline (the cycles the DATA slice of #23 removes) can only shrink.
import fs from 'node:fs';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BASELINE = path.join(import.meta.dirname, 'cycles-baseline.json');

/** A cycle as one stable string: rotated to start at its smallest file, joined with arrows. */
function cycleKey(files) {
  const start = files.indexOf([...files].sort()[0]);
  return [...files.slice(start), ...files.slice(0, start)].join(' -> ');
}

/** The import cycles among the project's own TypeScript, type imports included (a type cycle still tangles the layers). */
async function findCycles() {
  const tree = await parseDependencyTree(['src/**/*.ts', 'db/**/*.ts'], { context: ROOT, onProgress: () => {} });
  const own = Object.fromEntries(Object.entries(tree).filter(([file]) => !file.includes('node_modules')));
  return parseCircular(own).map(cycleKey).sort();
}

const allowed = new Set(JSON.parse(fs.readFileSync(BASELINE, 'utf8')).allowed);
const found = await findCycles();
const added = found.filter((c) => !allowed.has(c));
const gone = [...allowed].filter((c) => !found.includes(c));
for (const c of added) console.error(`new import cycle: ${c}`);
for (const c of gone) console.error(`no longer a cycle, remove it from ${path.relative(ROOT, BASELINE)}: ${c}`);
console.log(`${found.length} import cycle(s), ${allowed.size} allowed by the baseline`);
process.exitCode = added.length || gone.length ? 1 : 0;
