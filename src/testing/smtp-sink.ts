/** A real SMTP server on loopback (smtp-server) that parses what it accepts (mailparser); it can refuse or hold messages. */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

type SinkMode = 'accept' | 'refuse' | 'hold';

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  mode: SinkMode;
  /** Messages whose DATA arrived while holding (never answered). */
  held: number;
  /** Refusals sent while refusing. */
  refused: number;
  /** SMTP connections opened to the sink so far. */
  connections: number;
  to: (addr: string) => ParsedMail[];
  /** The message as it arrived on the wire (headers and MIME body). */
  sourceOf: (m: ParsedMail) => string;
  /** While set, accepted-mode messages it matches are refused with a 451 (the sender retries them); the others are kept. */
  refuseWhen: ((m: ParsedMail) => boolean) | null;
  waitFor: (pred: () => boolean, what: string, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink = { messages: [] as ParsedMail[], mode: 'accept', held: 0, refused: 0, connections: 0, refuseWhen: null } as SmtpSink;
  const sources = new WeakMap<ParsedMail, string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      sink.connections++;
      callback();
    },
    onData(stream, _session, callback) {
      if (sink.mode === 'hold') {
        sink.held++;
        stream.resume();
        return; // never answered: the sender is stuck until it dies
      }
      if (sink.mode === 'refuse') {
        sink.refused++;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const source = Buffer.concat(chunks);
        simpleParser(source).then((m) => {
          if (sink.refuseWhen?.(m)) return (sink.refused++, callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
          sources.set(m, source.toString('utf8'));
          sink.messages.push(m);
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.to = (addr) => sink.messages.filter((m) => [m.to].flat().some((t) => t?.value.some((v) => v.address === addr)));
  sink.sourceOf = (m) => sources.get(m) ?? '';
  sink.waitFor = async (pred, what, timeoutMs = 15_000) => {
    const until = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}

/** The first link in a message's text that starts with `prefix`'s path, moved onto `baseURL`. */
export function linkIn(m: ParsedMail, path: string, baseURL: string): string {
  const found = (m.text ?? '').match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname === path);
  if (!found) throw new Error(`no ${path} link in:\n${m.text}`);
  const u = new URL(found);
  return `${baseURL}${u.pathname}${u.search}`;
}
