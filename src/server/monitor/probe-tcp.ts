/** TCP connect probe with node:net: the host checked against the target policy, cut at its timeout. */
import net from 'node:net';
import type { TcpMonitorConfig } from '../../domain/monitor-config';
import { DEFAULT_TARGET_POLICY } from '../../domain/target-policy';
import { guardedLookup } from '../net/guarded-lookup';
import { checkHost } from '../net/target-policy';
import type { ProbeOptions, ProbeResult } from './probe-http';

/** Opens and closes one connection; never throws, never outlives timeoutMs. */
export function probeTcp(cfg: TcpMonitorConfig, timeoutMs: number, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const policy = opts.policy ?? DEFAULT_TARGET_POLICY;
  const started = performance.now();
  const at = (opts.now ?? Date.now)();
  const result = (ok: boolean, error: string | null): ProbeResult => ({ at, ok, latencyMs: Math.round((performance.now() - started) * 10) / 10, statusCode: null, error, certExpiresAt: null });
  const refused = checkHost(cfg.host, policy);
  if (refused) return Promise.resolve(result(false, refused));
  return new Promise((resolve) => {
    const socket = net.connect({ host: cfg.host.replace(/^\[|\]$/g, ''), port: cfg.port, lookup: guardedLookup(policy, opts.resolve) });
    let settled = false;
    const finish = (ok: boolean, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result(ok, error));
    };
    const timer = setTimeout(() => finish(false, `timed out after ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => finish(true, null));
    socket.once('error', (err: NodeJS.ErrnoException) => finish(false, err.code === 'ETARGETREFUSED' ? err.message : `${err.code ?? 'error'}: ${err.message}`));
  });
}
