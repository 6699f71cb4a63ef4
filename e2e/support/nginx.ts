/** Debian's nginx serving a static folder on loopback, as a non-daemon child in a temp prefix, for mirror tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/build/free-port.mjs';

const NGINX = '/usr/sbin/nginx';

export interface Nginx {
  baseURL: string;
  stop: () => Promise<void>;
}

/** The server block of a mirror: the same URLs as the origin, CORS on the API for widgets, the shared 404. */
function mirrorConfig(root: string, port: number, prefix: string): string {
  // As root, nginx's workers would switch to "nobody", which cannot read a 0700 temp folder.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `daemon off;
${user}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 256; }
http {
  types {
    text/html html; text/css css; text/javascript js mjs; application/json json map; image/svg+xml svg;
    application/rss+xml xml rss; application/atom+xml atom; text/calendar ics; text/csv csv; text/plain txt;
    image/png png; image/x-icon ico; font/woff2 woff2;
  }
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    error_page 404 /404.html;
    location / { try_files $uri $uri/index.html =404; }
    location /api/v2/ { add_header Access-Control-Allow-Origin "*" always; try_files $uri =404; }
    location = /mirror.json { add_header Cache-Control "no-cache"; }
  }
}
`;
}

async function waitListening(port: number, proc: ChildProcess, log: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`nginx exited with ${proc.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((r) => net.connect(port, '127.0.0.1').once('connect', function (this: net.Socket) { this.destroy(); r(true); }).once('error', () => r(false)));
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}: ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startNginx(root: string): Promise<Nginx> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-nginx-'));
  const port = await freePort();
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), mirrorConfig(root, port, prefix));
  const proc = spawn(NGINX, ['-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', path.join(prefix, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (b) => (out += b));
  proc.stderr.on('data', (b) => (out += b));
  await waitListening(port, proc, () => out + (fs.existsSync(path.join(prefix, 'error.log')) ? fs.readFileSync(path.join(prefix, 'error.log'), 'utf8') : ''));
  return {
    baseURL: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((done) => {
        const finish = () => (fs.rmSync(prefix, { recursive: true, force: true }), done());
        if (proc.exitCode !== null || proc.signalCode !== null) return finish();
        proc.once('exit', finish);
        proc.kill('SIGTERM');
      }),
  };
}
