/** The mirror's last outcome, shared by the sync loop, /healthz and the admin (one process, several bundles). */
export interface MirrorState {
  dir: string;
  lastExportAt: number | null;
  lastChangeId: number | null;
  exportError: string | null;
  /** Set while EXPORT_COMMAND (or PURGE_COMMAND) is failing. */
  commandError: { since: number; attempts: number; message: string; nextRetryAt: number | null } | null;
  lastCommandOkAt: number | null;
}

const KEY = Symbol.for('statuspage.mirror');
type G = typeof globalThis & { [KEY]?: MirrorState };

export function mirrorState(): MirrorState | null {
  return (globalThis as G)[KEY] ?? null;
}

export function setMirrorState(s: MirrorState | null): void {
  (globalThis as G)[KEY] = s ?? undefined;
}

/** One sentence for operators when the mirror is not current, else null. */
export function mirrorProblem(s: MirrorState | null = mirrorState()): string | null {
  if (!s) return null;
  if (s.exportError) return `The static mirror in ${s.dir} is not current: ${s.exportError}`;
  const c = s.commandError;
  if (!c) return null;
  const retry = c.nextRetryAt ? `; retrying at ${new Date(c.nextRetryAt).toISOString()}` : '';
  return `The mirror command has failed ${c.attempts} time${c.attempts === 1 ? '' : 's'} since ${new Date(c.since).toISOString()}: ${c.message}${retry}`;
}
