/** `Astro.locals.mirror`: set only for the static export's own requests, and only for pages no cache shares. */
import { IncomingMessage, type ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { CaptureResponse } from './capture';
import { markExportRequest } from './export-request';
import { createFrontHandler, type AstroHandler } from './front';
import { ResponseCache } from './response-cache';

function request(url: string, headers: Record<string, string> = {}, exporting = false): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = url;
  req.headers = { host: 'localhost', ...headers };
  if (exporting) markExportRequest(req);
  req.push(null);
  return req;
}

describe('the mirror flag', () => {
  const seen: { url: string; mirror: boolean }[] = [];
  const astro: AstroHandler = (req, res, _next, locals) => {
    seen.push({ url: req.url!, mirror: locals.mirror });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<p>page</p>');
  };
  const front = createFrontHandler({ astro, trustProxy: false, cache: new ResponseCache(1 << 20), headers: {}, maxBodyBytes: 1024, isSignedIn: () => false, log: createLogger('error'), version: () => 1 });
  const load = async (req: IncomingMessage) => {
    const res = new CaptureResponse(req);
    await front(req, res as unknown as ServerResponse);
    await res.done;
    return seen.at(-1)!;
  };

  it.each([
    ['the export rendering a page no cache shares', request('/subscribe', {}, true), true],
    ['the export rendering a publicly cached page', request('/history', {}, true), false],
    ['a visitor', request('/subscribe'), false],
    ['a visitor naming the export in headers', request('/subscribe', { 'user-agent': 'statuspage-export', 'x-statuspage-export': '1', mirror: 'true' }), false],
  ])('for %s', async (_what, req, mirror) => {
    expect(await load(req)).toEqual({ url: req.url, mirror });
  });
});
