/** The layering's lint rules (eslint.config.mjs `boundaries`) refuse what they should, on sample files in each folder. */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaries } from '../eslint.config.mjs';

const ROOT = join(import.meta.dirname, '..');
// Only the boundary rules, with a plain (not type-aware) parser: each sample lints in milliseconds.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...boundaries],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it.each([
    ['src/domain/sample.ts', "import { openDatabase } from '../server/db';"],
    ['src/domain/sample.ts', "import type { Db } from '../server/db';"],
    ['src/domain/sample.ts', "import { x } from '../pages/index';"],
    ['src/domain/sample.ts', "import { readFileSync } from 'node:fs';"],
    ['src/domain/sample.ts', "import { getCollection } from 'astro:content';"],
    ['src/domain/sample.ts', "import { eq } from 'drizzle-orm';"],
    ['src/domain/nested/sample.ts', "import Database from 'better-sqlite3';"],
    ['src/pages/sample.ts', "import { openDatabase } from '../server/db';"],
    ['src/pages/admin/sample.ts', "import { incidents } from '../../../db/schema';"],
    ['src/pages/api/v1/sample.ts', "import { sql } from 'drizzle-orm';"],
    ['src/components/sample.ts', "import Database from 'better-sqlite3';"],
    ['src/layouts/sample.ts', "import { openDatabase } from '../server/db.ts';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual(['no-restricted-imports']);
  });

  it.each([
    ['src/domain/sample.ts', "import { MS_PER_DAY } from './time';"],
    ['src/pages/sample.ts', "import { listComponents } from '../server/queries/public';"],
    ['src/pages/sample.ts', "import * as verbs from '../server/features/incidents/verbs';"],
    ['src/server/http/sample.ts', "import { openDatabase } from '../db';"],
  ])('%s may: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });

  it.each(['src/server/http/sample.ts', 'src/pages/sample.ts', 'src/server/jobs/sample.ts', 'src/cli/sample.ts'])('%s may not reach the raw SQLite handle', async (file) => {
    expect(await problems(file, 'export const n = (db: any) => db.$client.prepare("SELECT 1").get();')).toEqual(['no-restricted-syntax']);
  });

  it.each(['src/server/db.ts', 'src/server/queries/sample.ts', 'src/server/features/incidents/sample.ts', 'src/server/sample.test.ts'])('%s (data layer or test) may use $client', async (file) => {
    expect(await problems(file, 'export const n = (db: any) => db.$client.prepare("SELECT 1").get();')).toEqual([]);
  });
});
