import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/** `npm run screenshots`: every page at 360 and 1280 px, light and dark, into screenshots/ (git-ignored). */
export default defineConfig({ ...base, testDir: '.', testMatch: 'screenshots.shots.ts', globalSetup: undefined, workers: 1, timeout: 600_000 });
