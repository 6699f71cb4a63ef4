/** The client's address, decided once per request in the front layer and handed to Astro as `locals.ip`. */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** The socket peer, or behind a trusted reverse proxy the last X-Forwarded-For entry (the one it appended). */
export function clientIp(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string | null {
  if (trustProxy) {
    // node joins repeated headers with ", "; everything left of the proxy's own entry was sent by the client.
    const last = String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim();
    if (last && isIP(last)) return last;
  }
  return req.socket.remoteAddress ?? null;
}
