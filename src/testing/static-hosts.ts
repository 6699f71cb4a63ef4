/**
 * The static hosts docs/static-hosts/ documents, started on loopback from those very files (root and port
 * replaced), so the documented configuration is the tested one: nginx, lighttpd, Caddy and BusyBox httpd.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../build/free-port.mjs';

export type StaticHostKind = 'nginx' | 'lighttpd' | 'caddy' | 'busybox';

export interface StaticHost {
  kind: StaticHostKind;
  baseURL: string;
  stop: () => Promise<void>;
}

const DOCS = path.resolve(import.meta.dirname, '../../docs/static-hosts');

export const STATIC_HOST_BINARIES: Record<StaticHostKind, string> = { nginx: '/usr/sbin/nginx', lighttpd: '/usr/sbin/lighttpd', caddy: '/usr/bin/caddy', busybox: '/usr/bin/busybox' };

/** The documented file with the documented root and port replaced. */
function documented(file: string, root: string, port: number): string {
  return fs.readFileSync(path.join(DOCS, file), 'utf8').replaceAll('/srv/status', root).replaceAll('8080', String(port));
}

function command(kind: StaticHostKind, root: string, port: number, dir: string): { args: string[]; env?: Record<string, string> } {
  const write = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
  switch (kind) {
    case 'nginx': {
      // As root, nginx's workers would switch to "nobody", which cannot read a 0700 temp folder.
      const user = process.getuid?.() === 0 ? 'user root;\n' : '';
      const conf = `daemon off;\n${user}worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;\n  include ${write('site.conf', documented('nginx.conf', root, port).replace('listen ' + port, `listen 127.0.0.1:${port}`))};\n}\n`;
      return { args: ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', write('nginx.conf', conf)] };
    }
    case 'lighttpd':
      return { args: ['-D', '-f', write('lighttpd.conf', `${documented('lighttpd.conf', root, port)}\nserver.bind = "127.0.0.1"\nserver.errorlog = "${dir}/error.log"\n`)] };
    case 'caddy':
      return { args: ['run', '--adapter', 'caddyfile', '--config', write('Caddyfile', documented('Caddyfile', root, port).replace(`:${port} {`, `http://127.0.0.1:${port} {`))], env: { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir } };
    case 'busybox':
      return { args: ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', root, '-c', write('httpd.conf', documented('busybox-httpd.conf', root, port))] };
  }
}

async function waitListening(port: number, proc: ChildProcess, log: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`exited with ${proc.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((r) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), r(true))).once('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`did not listen on ${port}: ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts one documented host serving `root` on a free loopback port. */
export async function startStaticHost(kind: StaticHostKind, root: string): Promise<StaticHost> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `statuspage-${kind}-`));
  const port = await freePort();
  const { args, env } = command(kind, root, port, dir);
  const proc = spawn(STATIC_HOST_BINARIES[kind], args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  proc.stdout?.on('data', (b) => (out += b));
  proc.stderr?.on('data', (b) => (out += b));
  const errorLog = () => (fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '');
  try {
    await waitListening(port, proc, () => `${kind}: ${out}${errorLog()}`);
  } catch (err) {
    proc.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    kind,
    baseURL: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((done) => {
        const finish = () => (fs.rmSync(dir, { recursive: true, force: true }), done());
        if (proc.exitCode !== null || proc.signalCode !== null) return finish();
        proc.once('exit', finish);
        proc.kill('SIGTERM');
      }),
  };
}
