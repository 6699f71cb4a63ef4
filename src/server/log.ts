/** Structured logs: one JSON line per request and per job event, filtered by LOG_LEVEL. */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type Level = keyof typeof LEVELS;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** path: what the front layer chose to show (no query strings of non-public routes); cut to MAX_LOGGED_PATH. */
  request(method: string, path: string, status: number, ms: number): void;
}

/** Request lines are batched and written once per event-loop turn: one syscall for many requests. */
function batched(out: (chunk: string) => void): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    const chunk = pending.join('');
    pending = [];
    out(chunk);
  };
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}

/** Long paths are cut so a flood of them cannot fill the disk. */
const MAX_LOGGED_PATH = 200;

export function createLogger(level: Level, out: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const min = LEVELS[level];
  const requestOut = batched(out);
  const emit = (lvl: Exclude<Level, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    out(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...fields }) + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    request(method, path, status, ms) {
      if (LEVELS.info < min) return;
      const shown = path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
      requestOut(
        `{"t":"${new Date().toISOString()}","level":"info","msg":"request","method":${JSON.stringify(method)},"path":${JSON.stringify(shown)},"status":${status},"ms":${ms.toFixed(2)}}\n`,
      );
    },
  };
}
