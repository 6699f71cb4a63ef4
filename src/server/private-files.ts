/** The database, its WAL/SHM and backups hold the signing secret: owner-only (0600, folders 0700) whatever the umask. */
import fs from 'node:fs';
import path from 'node:path';

const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

/** Creates the missing folders of dir owner-only; folders that already exist are left as the operator set them. */
export function makePrivateDirs(dir: string): void {
  const missing: string[] = [];
  // One level at a time: Node 20's recursive mkdir never returns under /proc.
  for (let d = path.resolve(dir); !fs.existsSync(d) && path.dirname(d) !== d; d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    fs.mkdirSync(d, { mode: PRIVATE_DIR });
    fs.chmodSync(d, PRIVATE_DIR);
  }
}

/** Creates file empty and owner-only if it does not exist, so SQLite (which gives its WAL and SHM the database's mode) starts private. */
export function createPrivateFile(file: string): void {
  makePrivateDirs(path.dirname(file));
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', PRIVATE_FILE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw err;
  }
  try {
    fs.fchmodSync(fd, PRIVATE_FILE);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a file this application wrote (a backup, a restored copy) owner-only. */
export function makePrivate(file: string): void {
  fs.chmodSync(file, PRIVATE_FILE);
}

/** The database's files (with the copies restores kept beside it) that others may read or write, with their mode (e.g. "644"). */
export function exposedDatabaseFiles(dbPath: string): { file: string; mode: string }[] {
  const out: { file: string; mode: string }[] = [];
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, ...keptCopies(dbPath)]) {
    let mode: number;
    try {
      mode = fs.statSync(file).mode & 0o777;
    } catch {
      continue;
    }
    if (mode & 0o077) out.push({ file, mode: mode.toString(8).padStart(3, '0') });
  }
  return out;
}

/** status.db.before-restore-<time> (and its WAL) beside the database. */
function keptCopies(dbPath: string): string[] {
  const prefix = `${path.basename(dbPath)}.before-restore-`;
  try {
    return fs.readdirSync(path.dirname(dbPath)).filter((n) => n.startsWith(prefix)).map((n) => path.join(path.dirname(dbPath), n));
  } catch {
    return [];
  }
}
