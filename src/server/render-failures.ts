/** Items (an update, a post-mortem, a template) that could not be rendered: logged once each, counted for /healthz and /metrics. */
import type { Logger } from './log';

interface Failures {
  count: number;
  lastAt: number | null;
  seen: Set<string>;
  log: Pick<Logger, 'warn'> | null;
}

// On globalThis: the front server and Astro's bundle are separate modules sharing one process.
const KEY = Symbol.for('statuspage.render-failures');
type G = typeof globalThis & { [KEY]?: Failures };
const SEEN_MAX = 1000;

function failures(): Failures {
  const g = globalThis as G;
  return (g[KEY] ??= { count: 0, lastAt: null, seen: new Set(), log: null });
}

/** Where failures are logged (the server's logger); without one they go to stderr as the same JSON line. */
export function setRenderFailureLog(log: Pick<Logger, 'warn'>): void {
  failures().log = log;
}

/** A short fingerprint of the text (FNV-1a), so the log names the item without repeating it. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(16)}:${text.length}`;
}

/** Records that this text failed to render: counted and logged the first time it is seen. */
export function recordRenderFailure(text: string, err: unknown, now = Date.now()): void {
  const f = failures();
  const key = fingerprint(text);
  if (f.seen.has(key)) return;
  if (f.seen.size >= SEEN_MAX) f.seen.clear();
  f.seen.add(key);
  f.count += 1;
  f.lastAt = now;
  const fields = { item: key, start: text.slice(0, 80), error: String((err as Error)?.message ?? err).slice(0, 200) };
  if (f.log) f.log.warn('markdown shown as source text', fields);
  else process.stderr.write(JSON.stringify({ t: new Date(now).toISOString(), level: 'warn', msg: 'markdown shown as source text', ...fields }) + '\n');
}

/** How many distinct items have been shown as source text since start, and when the last one was. */
export function renderFailures(): { count: number; lastAt: number | null } {
  const f = failures();
  return { count: f.count, lastAt: f.lastAt };
}
