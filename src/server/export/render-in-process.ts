/** Renders a URL through the real request listener (front layer and Astro) without a socket. */
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import { CaptureResponse } from '../http/capture';
import { markExportRequest } from '../http/export-request';
import type { NodeHandler } from '../http/front';
import type { RenderResult } from '../http/response-cache';

export type Render = (url: string) => Promise<RenderResult>;


/** An anonymous GET without Accept-Encoding, so the body is the identity bytes the server sends. */
export function renderThrough(handler: NodeHandler): Render {
  return async (url) => {
    const req = new IncomingMessage(new Socket());
    req.method = 'GET';
    req.url = url;
    req.headers = { host: 'localhost', accept: '*/*', 'user-agent': 'statuspage-export' };
    markExportRequest(req);
    req.push(null);
    const res = new CaptureResponse(req);
    await handler(req, res as unknown as ServerResponse);
    return res.done;
  };
}
