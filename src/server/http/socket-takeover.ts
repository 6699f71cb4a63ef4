/**
 * Takes a connection out of node:http once a response's head is written, the way node itself hands a socket to an
 * 'upgrade' listener: the server's listeners and its parser leave the socket, so the request, the response and the
 * server's per-connection state can be collected while the socket lives on (about 6 KB per live stream).
 */
// Decision: docs/decisions/031-live-streams-own-their-sockets.md
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

interface HttpParser {
  unconsume?: () => void;
}
interface HttpCommon {
  freeParser?: (parser: HttpParser, req: IncomingMessage | null, socket: Socket | null) => void;
}

// node's own helper for the upgrade path (lib/_http_common.js): unconsumes, untracks and pools the parser.
const { freeParser } = createRequire(import.meta.url)('_http_common') as HttpCommon;

// Every event node:http listens to on a server socket (lib/_http_server.js, connectionListenerInternal).
const SERVER_EVENTS = ['data', 'end', 'close', 'drain', 'error', 'timeout', 'resume', 'pause'] as const;

/**
 * Hands `req`'s socket over to the caller, who must then listen to its 'close' and 'error' and read it. False when it
 * cannot be done (node changed, the socket is gone, or the response is not the socket's current one): the socket then
 * stays with node:http and still works, only its request objects stay in memory. Call it after the parser has
 * returned (from a setImmediate), never from inside the 'request' event: the upgrade path does the same.
 */
export function takeSocket(req: IncomingMessage, res: ServerResponse): Socket | null {
  const socket = req.socket as Socket & { parser?: HttpParser | null; _httpMessage?: unknown };
  if (!freeParser || socket.destroyed || !socket.parser || socket._httpMessage !== res) return null;
  for (const event of SERVER_EVENTS) socket.removeAllListeners(event);
  freeParser(socket.parser, req, socket);
  res.detachSocket(socket);
  return socket;
}
