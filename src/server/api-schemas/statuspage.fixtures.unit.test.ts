/** The v2 schemas describe Statuspage itself: real responses collected from public sources must pass them. */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { summaryResponseSchema } from './statuspage';

const DIR = path.resolve('src/testing/fixtures/statuspage');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.summary.json'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(summaryResponseSchema);

describe('real Statuspage summaries', () => {
  it('are collected', () => expect(FILES.length).toBeGreaterThanOrEqual(2));
  it.each(FILES)('%s matches the summary schema', (file) => {
    const body = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
    expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
  });
});
