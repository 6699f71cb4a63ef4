import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listTestFiles, projectByContent, projectByName } from './test-projects';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// This file quotes the markers as examples, so it is left out of the scan.
const files = listTestFiles(ROOT)
  .filter((file) => file !== 'src/testing/test-projects.unit.test.ts')
  .map((file) => ({ file, needs: projectByContent(fs.readFileSync(path.join(ROOT, file), 'utf8')) }));

describe('test projects', () => {
  it('reads what a file uses', () => {
    expect(projectByContent("import { startServer } from '../testing/server-harness';")).toBe('server');
    expect(projectByContent("const CLI = path.resolve('dist/cli/backup.mjs');")).toBe('server');
    expect(projectByContent("import { freshDb } from '../../testing/db';")).toBe('db');
    expect(projectByContent("import Database from 'better-sqlite3';")).toBe('db');
    expect(projectByContent("import { classifyCheck } from './monitor';")).toBe('unit');
  });

  it('names a file by its project', () => {
    expect(projectByName('src/server/mail/mail.http.test.ts')).toBe('server');
    expect(projectByName('src/domain/sla.test.ts')).toBe('unit');
    expect(projectByName('src/server/http/canonical.unit.test.ts')).toBe('unit');
    expect(projectByName('src/server/services/sla.test.ts')).toBe('db');
  });

  it('puts every file that starts the built server or a built CLI in the server project (*.http.test.ts)', () => {
    expect(files.filter((f) => f.needs === 'server' && projectByName(f.file) !== 'server').map((f) => f.file)).toEqual([]);
  });

  it('keeps every file that opens a database out of the unit project', () => {
    expect(files.filter((f) => f.needs !== 'unit' && projectByName(f.file) === 'unit').map((f) => f.file)).toEqual([]);
  });

  it('names *.http.test.ts only files that need the built server, so the build check stays where it is needed', () => {
    expect(files.filter((f) => f.needs !== 'server' && projectByName(f.file) === 'server').map((f) => f.file)).toEqual([]);
  });
});
