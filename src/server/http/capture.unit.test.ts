import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CaptureResponse } from './capture';

const capture = () => new CaptureResponse(new IncomingMessage(new Socket()));

describe('CaptureResponse keeps the bytes a ServerResponse would send', () => {
  it('encodes a Latin-1 string body byte for byte (the front layer sends cached bodies that way)', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const res = capture();
    res.writeHead(200, ['content-type', 'application/octet-stream']);
    res.end(bytes.toString('latin1'), 'latin1');
    expect((await res.done).body.equals(bytes)).toBe(true);
  });

  it('encodes other strings as UTF-8 and keeps Buffers as they are', async () => {
    const res = capture();
    res.write('«é»');
    res.write(Buffer.from([0xff]), () => undefined);
    res.end();
    expect((await res.done).body).toEqual(Buffer.concat([Buffer.from('«é»', 'utf8'), Buffer.from([0xff])]));
  });
});
