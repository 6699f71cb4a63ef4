import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Config is read once per process; point it at a throwaway file so no test touches ./data.
const root = process.env.STATUSPAGE_TEST_TMPDIR && fs.existsSync(process.env.STATUSPAGE_TEST_TMPDIR) ? process.env.STATUSPAGE_TEST_TMPDIR : os.tmpdir();
process.env.DATABASE_PATH ??= path.join(fs.mkdtempSync(path.join(root, 'statuspage-unit-')), 'status.db');
process.env.MONITORS ??= 'off';
