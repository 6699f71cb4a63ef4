/** TCP connect probe with node:net, cut at its timeout. */
import net from 'node:net';
import type { TcpMonitorConfig } from '../../domain/monitor-config';
import type { ProbeResult } from './probe';

/** Opens and closes one connection; never throws, never outlives timeoutMs. */
export function probeTcp(cfg: TcpMonitorConfig, timeoutMs: number, now: () => number = Date.now): Promise<ProbeResult> {
  const started = performance.now();
  const at = now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: cfg.host, port: cfg.port });
    let settled = false;
    const finish = (ok: boolean, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ at, ok, latencyMs: Math.round((performance.now() - started) * 10) / 10, statusCode: null, error, certExpiresAt: null });
    };
    const timer = setTimeout(() => finish(false, `timed out after ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => finish(true, null));
    socket.once('error', (err: NodeJS.ErrnoException) => finish(false, `${err.code ?? 'error'}: ${err.message}`));
  });
}
