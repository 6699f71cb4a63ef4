// Import-cycle check (`npm run cycles`): fails on any import cycle among src/**/*.ts and db/**/*.ts.
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';

const ROOT = path.resolve(import.meta.dirname, '../..');

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

const found = await findCycles();
for (const c of found) console.error(`import cycle: ${c}`);
console.log(`${found.length} import cycle(s)`);
process.exitCode = found.length ? 1 : 0;
