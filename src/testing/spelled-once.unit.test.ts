import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Rules written once (issue #23): source files must not spell a domain constant again. */
const SRC = join(import.meta.dirname, '..');
// testing/ holds independent oracles on purpose.
const EXEMPT = (f: string) => f === 'domain/constants.ts' || f.startsWith('testing/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|astro)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

describe('constants spelled once', () => {
  it('no source file spells a day in milliseconds again (use MS_PER_DAY from domain/constants.ts)', () => {
    const spelled = sourceFiles(SRC)
      .map((f) => relative(SRC, f).split('\\').join('/'))
      .filter((f) => !EXEMPT(f))
      .filter((f) => /\b86_?400_?000\b/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(spelled).toEqual([]);
  });
});
