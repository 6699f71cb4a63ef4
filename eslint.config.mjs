// @ts-check
// Lint: type-aware TypeScript rules, Astro files, and the layering as import boundaries (README, "Tooling").
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.mts'];
const DB_MODULES = ['**/server/db', '**/server/db.ts', '**/db/schema', '**/db/schema.ts', '**/server/statement-cache', '**/server/statement-cache.ts'];
const DB_PACKAGES = ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'];

/** The data layer: the only code that may reach the raw SQLite handle (`$client`). */
const DATA_LAYER = ['src/server/db.ts', 'src/server/statement-cache.ts', 'src/server/queries/**', 'src/server/features/**', 'src/server/services/**'];
/** Outside the data layer only the online backup holds the raw connection: SQLite's backup API works on it. */
const CLIENT_VIOLATORS = ['src/server/backup.ts'];
/** Tests, fixtures and benchmarks inspect and prepare the database directly; they are not production paths. */
const TEST_CODE = ['**/*.test.ts', 'src/testing/**', 'e2e/**', 'bench/**'];

/** @type {import('eslint').Linter.RulesRecord} */
const noClient = {
  'no-restricted-syntax': [
    'error',
    { selector: "MemberExpression[property.name='$client']", message: 'Raw SQLite ($client) belongs to the data layer: src/server/db.ts, queries/ and features/.' },
  ],
};

/** @param {string[]} group @param {string} message */
const banned = (group, message) => ({ group, message });

/** The layering as lint rules; exported so src/lint-boundaries.test.ts checks them on sample files. */
/** @type {import('eslint').Linter.Config[]} */
export const boundaries = [
  // Boundaries. The domain is pure: nothing of the server, the pages, Astro, Node or the database.
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banned(['**/server/**', '**/pages/**', '**/components/**', '**/layouts/**'], 'src/domain is pure: it imports nothing of the server or the UI.'),
            banned(['astro:*', 'astro', 'astro/*', 'node:*', ...DB_PACKAGES], 'src/domain is pure: no Astro, Node or database imports (pass time and data in).'),
          ],
        },
      ],
    },
  },
  // Pages, components and layouts read through queries and write through verbs; ctx.db comes from the middleware.
  {
    files: ['src/pages/**', 'src/components/**', 'src/layouts/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [banned([...DB_MODULES, ...DB_PACKAGES], 'Pages and components never import the data layer: use src/server/queries and the features\' verbs.')] }],
    },
  },
  // No raw SQLite handle outside the data layer.
  { files: ['src/**/*.ts', 'src/**/*.astro', 'src/**/*.mjs'], ignores: [...DATA_LAYER, ...CLIENT_VIOLATORS, ...TEST_CODE], rules: noClient },
];

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', '.astro/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'screenshots/**', 'data/**', 'public/vendor/**'],
  },
  js.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  { files: ['public/js/**/*.js'], languageOptions: { sourceType: 'script', globals: { ...globals.browser } } },
  {
    files: TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Un-awaited async verbs were a real bug here: promises must be awaited, returned or explicitly voided.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // better-sqlite3 rows and parsed JSON arrive as `any`; zod at the edges is the type boundary, not these rules.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  ...astro.configs.recommended,
  {
    files: ['**/*.astro'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  ...boundaries,
  // Tests read rows and parsed bodies loosely, and their fakes implement async interfaces without awaiting anything.
  { files: TEST_CODE, rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/require-await': 'off', '@typescript-eslint/unbound-method': 'off' } },
);
