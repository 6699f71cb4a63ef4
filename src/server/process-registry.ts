/** Marks which processes have the database open (one file per pid beside it), so a restore can refuse to run under them. */
import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDirs } from './private-files';

function dirFor(dbPath: string): string {
  return `${dbPath}.pids`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Registers this process as a user of the database until it exits. */
export function registerProcess(dbPath: string, role: string): void {
  const dir = dirFor(dbPath);
  makePrivateDirs(dir);
  const file = path.join(dir, String(process.pid));
  fs.writeFileSync(file, role);
  process.once('exit', () => fs.rmSync(file, { force: true }));
}

/** Live processes (pid, role) using the database; stale entries of killed processes are removed. */
export function liveProcesses(dbPath: string): { pid: number; role: string }[] {
  const dir = dirFor(dbPath);
  if (!fs.existsSync(dir)) return [];
  const out: { pid: number; role: string }[] = [];
  for (const name of fs.readdirSync(dir)) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    if (pid !== process.pid && alive(pid)) out.push({ pid, role: fs.readFileSync(path.join(dir, name), 'utf8') });
    else if (pid !== process.pid) fs.rmSync(path.join(dir, name), { force: true });
  }
  return out;
}
