/** A hash of every row of every table: equal before and after a request means the request wrote nothing. */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

// Touched by merely being used (throttled stamps), not by the write under test.
const STAMPS = new Set(['last_used_at', 'last_seen_at', 'expires_at']);

export function dbFingerprint(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    for (const t of tables) {
      const rows = db.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
      hash.update(`${t}\n${JSON.stringify(rows, (k, v) => (STAMPS.has(k) ? undefined : typeof v === 'bigint' ? String(v) : v))}\n`);
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
