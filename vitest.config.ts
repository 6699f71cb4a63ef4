import { defineConfig } from 'vitest/config';
import { DB_GLOBS, SERVER_GLOBS, UNIT_GLOBS } from './src/testing/test-projects';

// Three projects by what a test needs (src/testing/test-projects.ts); the classification test keeps the names honest.
export default defineConfig({
  test: {
    setupFiles: ['src/testing/vitest-setup.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT_GLOBS } },
      { extends: true, test: { name: 'db', include: DB_GLOBS, exclude: [...UNIT_GLOBS, ...SERVER_GLOBS] } },
      { extends: true, test: { name: 'server', include: SERVER_GLOBS } },
    ],
  },
});
