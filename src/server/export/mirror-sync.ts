/**
 * Keeps EXPORT_DIR current: an export at most once per interval after changes, then EXPORT_COMMAND (never after a
 * failed export). A failing export or command is retried with doubling delays; nothing here is awaited by a write.
 */
import { spawn } from 'node:child_process';
import { backoffDelay } from '../../domain/backoff';
import { commandEnvironment } from '../../domain/command-env';
import type { Logger } from '../log';
import { ExportFailedError, type ExportResult } from './export-site';
import { setMirrorState, type MirrorState } from './mirror-state';

export interface MirrorSyncOptions {
  dir: string;
  exportOnce: () => Promise<ExportResult & { changeId: number }>;
  command: string | null;
  /** COMMAND_ENV: variables the command gets besides PATH, HOME and EXPORT_DIR. */
  commandEnv?: readonly string[];
  log: Logger;
  minIntervalMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  now?: () => number;
}

export interface MirrorSync {
  /** Asks for an export (debounced). */
  trigger: () => void;
  /** Resolves when no export or command is running or scheduled (retries excepted). */
  idle: () => Promise<void>;
  stop: () => void;
}

/** Runs a shell command with only PATH, HOME, the passed names and its own variables; rejects with the tail of its output. */
export function runCommand(command: string, own: Record<string, string>, passed: readonly string[] = [], timeoutMs = 300_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = commandEnvironment(process.env, passed, own);
    const child = spawn('sh', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    const keep = (b: Buffer) => (output = (output + b.toString()).slice(-2000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => reject(err));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const tail = output.trim().split('\n').slice(-3).join(' / ').slice(0, 300);
      reject(new Error(`exit ${code ?? signal}${tail ? `: ${tail}` : ''}`));
    });
  });
}

export function startMirrorSync(o: MirrorSyncOptions): MirrorSync {
  const now = o.now ?? Date.now;
  const minInterval = o.minIntervalMs ?? 1000;
  const retryBase = o.retryBaseMs ?? 1000;
  const retryMax = o.retryMaxMs ?? 300_000;
  const state: MirrorState = { dir: o.dir, lastExportAt: null, lastChangeId: null, exportError: null, commandError: null, lastCommandOkAt: null };
  setMirrorState(state);
  let dirty = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let exportRetry: NodeJS.Timeout | null = null;
  let exportFailures = 0;
  let lastStart = -Infinity;
  let stopped = false;

  const backoff = (attempts: number) => backoffDelay(attempts, { baseMs: retryBase, maxDelayMs: retryMax });

  // The pages that failed may render next time (a busy database, a bug fixed by a restart of a worker).
  const retryExport = (): void => {
    exportFailures++;
    if (stopped || exportRetry) return;
    exportRetry = setTimeout(() => {
      exportRetry = null;
      dirty = true;
      schedule();
    }, backoff(exportFailures));
    exportRetry.unref();
  };

  const command = async (): Promise<void> => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    // After a failed export the folder is not publishable; the next good export runs the command.
    if (!o.command || state.exportError) return;
    try {
      await runCommand(o.command, { EXPORT_DIR: o.dir }, o.commandEnv);
      if (state.commandError) o.log.info('mirror command recovered', { attempts: state.commandError.attempts });
      state.commandError = null;
      state.lastCommandOkAt = now();
    } catch (err) {
      const attempts = (state.commandError?.attempts ?? 0) + 1;
      const delay = backoff(attempts);
      state.commandError = { since: state.commandError?.since ?? now(), attempts, message: (err as Error).message, nextRetryAt: now() + delay };
      o.log.warn('mirror command failed', { attempts, error: (err as Error).message, retryInMs: delay });
      if (!stopped) {
        retryTimer = setTimeout(() => (running ? undefined : launch(command)), delay);
        retryTimer.unref();
      }
    }
  };

  const tick = async (): Promise<void> => {
    timer = null;
    dirty = false;
    lastStart = now();
    try {
      const r = await o.exportOnce();
      state.lastExportAt = now();
      state.lastChangeId = r.changeId;
      state.exportError = null;
      exportFailures = 0;
      o.log.debug('mirror exported', { written: r.written, removed: r.removed, files: r.files, ms: Math.round(r.ms) });
      await command();
    } catch (err) {
      state.exportError = (err as Error).message;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      o.log.error('mirror export failed', { error: err instanceof ExportFailedError ? err.message : String((err as Error).stack ?? err) });
      retryExport();
    }
  };

  function launch(job: () => Promise<void>): void {
    running = job().finally(() => {
      running = null;
      if (dirty) schedule();
    });
  }

  function schedule(): void {
    if (stopped || timer || running) return;
    timer = setTimeout(() => launch(tick), Math.max(0, lastStart + minInterval - now()));
    timer.unref();
  }

  return {
    trigger: () => {
      dirty = true;
      schedule();
    },
    idle: async () => {
      while (timer || running) {
        if (running) await running;
        else await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (retryTimer) clearTimeout(retryTimer);
      if (exportRetry) clearTimeout(exportRetry);
      setMirrorState(null);
    },
  };
}
