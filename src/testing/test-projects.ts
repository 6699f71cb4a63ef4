/** The three vitest projects, decided by file name, and the content markers that say which one a test file needs. */
import fs from 'node:fs';

/** Pure tests: no database, no dist/, so no build check (`npm run test:unit`). */
export const UNIT_GLOBS = ['src/domain/**/*.test.ts', 'src/styles/**/*.test.ts', 'src/**/*.unit.test.ts'];
/** Tests that start the built server or run a built CLI: only these need a fresh dist/. */
export const SERVER_GLOBS = ['src/**/*.http.test.ts'];
/** Everything else: a real temporary SQLite file, no built server. */
export const DB_GLOBS = ['src/**/*.test.ts'];

export type TestProject = 'unit' | 'db' | 'server';

// Starting the built server or a built CLI: the harness's startServer (or a harness built on it: startCommandServer,
// startSpServer), its MAIN path, or any dist/ path.
const SERVER_MARKERS = /\bstart(?:Command|Sp)?Server\b|\bMAIN\b|['"`/]dist\//;
// Opening a database: the harnesses that create one, the driver, or the process's configured file.
const DB_MARKERS = /\bfreshDb\b|\bopenDatabase\b|\btempDbPath\b|\bseedDatabase\b|better-sqlite3|\bgetDb\b|DATABASE_PATH|server\/db'/;

/** The project a test file's name puts it in (mirrors the globs above). */
export function projectByName(file: string): TestProject {
  if (file.endsWith('.http.test.ts')) return 'server';
  if (/^src\/(domain|styles)\//.test(file) || file.endsWith('.unit.test.ts')) return 'unit';
  return 'db';
}

/** The least project a test file's source needs, read from what it uses. */
export function projectByContent(source: string): TestProject {
  if (SERVER_MARKERS.test(source)) return 'server';
  if (DB_MARKERS.test(source)) return 'db';
  return 'unit';
}

/** Every test file under src/, as a path relative to the repository root. */
export function listTestFiles(root: string): string[] {
  return (fs.readdirSync(`${root}/src`, { recursive: true }) as string[])
    .map((f) => `src/${f.split('\\').join('/')}`)
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
}
