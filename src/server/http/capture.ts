/** A ServerResponse stand-in that collects what Astro's handler writes, so a render can be cached and shared. */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { RenderResult } from './response-cache';

export class CaptureResponse extends EventEmitter {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  writableEnded = false;
  private headers: Record<string, string> = {};
  private chunks: Buffer[] = [];
  readonly done: Promise<RenderResult>;
  private resolve!: (r: RenderResult) => void;

  constructor(readonly req: IncomingMessage) {
    super();
    this.done = new Promise((r) => (this.resolve = r));
  }

  setHeader(name: string, value: string | number | readonly string[]): this {
    this.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    return this;
  }
  getHeader(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }
  removeHeader(name: string): void {
    delete this.headers[name.toLowerCase()];
  }
  writeHead(status: number, a?: string | OutgoingHttpHeaders | string[], b?: OutgoingHttpHeaders | string[]): this {
    this.statusCode = status;
    const given = typeof a === 'object' ? a : b;
    // The front layer passes a flat [name, value, …] list.
    const h = Array.isArray(given) ? Object.fromEntries(given.flatMap((v, i) => (i % 2 ? [] : [[v, given[i + 1]]]))) : given;
    if (h) for (const [k, v] of Object.entries(h)) if (v !== undefined) this.setHeader(k, v);
    this.headersSent = true;
    return this;
  }
  /** As ServerResponse: a string chunk is encoded as the given encoding says (the front layer writes Latin-1 bodies). */
  write(chunk: string | Uint8Array, encoding?: BufferEncoding | (() => void), cb?: () => void): boolean {
    const enc = typeof encoding === 'string' ? encoding : 'utf8';
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, enc) : Buffer.from(chunk));
    (typeof encoding === 'function' ? encoding : cb)?.();
    return true;
  }
  end(chunk?: string | Uint8Array | (() => void), encoding?: BufferEncoding | (() => void)): this {
    if (chunk && typeof chunk !== 'function') this.write(chunk, typeof encoding === 'string' ? encoding : undefined);
    this.writableEnded = true;
    this.headersSent = true;
    this.resolve({ status: this.statusCode, headers: this.headers, body: Buffer.concat(this.chunks) });
    this.emit('finish');
    this.emit('close');
    return this;
  }
  destroy(): void {
    this.end();
  }
}
