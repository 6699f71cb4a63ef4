/** Writes a file only when its bytes differ, atomically (temp file in the same folder, then rename). */
import fs from 'node:fs';
import path from 'node:path';

/** True when the file was (re)written; throws when rel would leave dir. */
export function writeIfChanged(dir: string, rel: string, bytes: Buffer): boolean {
  const root = path.resolve(dir);
  const full = path.resolve(root, rel);
  if (!full.startsWith(root + path.sep)) throw new Error(`refusing to write outside ${root}: ${rel}`);
  try {
    if (fs.statSync(full).size === bytes.length && fs.readFileSync(full).equals(bytes)) return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(full), { recursive: true });
  const tmp = path.join(path.dirname(full), `.${path.basename(full)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, full);
  return true;
}

/** Every file under dir, as `/`-separated relative paths (temp files excluded). */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => !path.basename(rel).startsWith('.') && fs.statSync(path.join(dir, rel)).isFile())
    .map((rel) => rel.split(path.sep).join('/'));
}
