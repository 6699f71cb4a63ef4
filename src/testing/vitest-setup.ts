import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Config is read once per process; point it at a throwaway file so no test touches ./data.
process.env.DATABASE_PATH ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-unit-')), 'status.db');
process.env.MONITORS ??= 'off';
