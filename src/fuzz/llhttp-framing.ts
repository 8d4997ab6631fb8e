import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FramedRequest, FramingEnding, StreamFraming } from './framing.js';

/** node's default `maxHeaderSize`, set here so that `--max-http-header-size` does not change the comparison. */
const MAX_HEADER_BYTES = 16 * 1024;
/** How long one stream may take to be framed: far more than it needs, in memory. */
const STREAM_DEADLINE_MS = 2_000;

/** What node's 'clientError' carries from llhttp: its code, reason and where it stopped. */
type LlhttpError = NodeJS.ErrnoException & { reason?: string; bytesParsed?: number };

/** What one connection of the node server saw, event by event. */
class Recorder {
  readonly requests: FramedRequest[] = [];
  /** The last request's message, whose `complete` is set as soon as llhttp reads its end. */
  last: IncomingMessage | undefined;
  ending: FramingEnding | undefined;

  /**
   * After a request that does not keep the connection alive, a server stops reading: nothing
   * later counts. Judged by `complete`, as the error on the bytes after it (HPE_CLOSED_CONNECTION)
   * comes before the request's 'end'.
   */
  get closed(): boolean {
    return this.last?.complete === true && !this.requests[this.requests.length - 1]!.keepAlive;
  }
}

function framedHead(req: IncomingMessage, keepAlive: boolean): FramedRequest {
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return { method: req.method ?? '', target: req.url ?? '', version: req.httpVersion, headers, keepAlive, body: undefined };
}

/**
 * llhttp as node exposes it: a real node:http server (strict parser, `insecureHTTPParser: false`,
 * no Host check of its own, so that what is compared is the parser's framing) that is never
 * listening. Each stream is handed to it as a connection, a Duplex written whole and then ended
 * (node documents that any Duplex may be emitted as a 'connection'): no sockets, and the error's
 * `bytesParsed` is an offset in the stream. Every request is answered as soon as its body ends,
 * so pipelined requests go on being read.
 */
export class LlhttpFramer {
  private readonly server: Server;
  private readonly recorders = new WeakMap<Duplex, Recorder>();

  constructor() {
    this.server = createServer({ insecureHTTPParser: false, requireHostHeader: false, maxHeaderSize: MAX_HEADER_BYTES });
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => this.onRequest(req, res);
    // With listeners for these, node hands Expect requests over as they are, instead of answering 100 or 417 itself.
    this.server.on('request', onRequest).on('checkContinue', onRequest).on('checkExpectation', onRequest);
    this.server.on('clientError', (error: LlhttpError, socket: Duplex) => {
      const recorder = this.recorders.get(socket);
      if (recorder !== undefined && !recorder.closed) recorder.ending ??= errorEnding(error);
      // Not at once: the 'end' of a request completed before the error comes on a later tick.
      setImmediate(() => socket.destroy());
    });
    for (const via of ['upgrade', 'connect'] as const) {
      this.server.on(via, (req: IncomingMessage, socket: Duplex) => {
        const recorder = this.recorders.get(socket);
        if (recorder !== undefined && !recorder.closed) {
          // Whether it persists means nothing here: the connection is no longer HTTP/1.1's.
          recorder.requests.push(framedHead(req, false));
          recorder.ending ??= { kind: 'handover', via };
        }
        socket.destroy();
      });
    }
  }

  /** How llhttp frames `bytes`, sent whole and then ended. */
  async frame(bytes: Buffer): Promise<StreamFraming> {
    const recorder = new Recorder();
    const socket = new Duplex({
      read() {},
      write(_chunk, _encoding, done) {
        done();
      },
    });
    this.recorders.set(socket, recorder);
    const closed = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), STREAM_DEADLINE_MS);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    this.server.emit('connection', socket);
    socket.push(bytes);
    socket.push(null);
    if (!(await closed)) {
      socket.destroy();
      throw new Error(`node's server did not finish a ${bytes.length}-byte stream within ${STREAM_DEADLINE_MS} ms`);
    }
    // A body's 'end' is emitted on a later turn than the bytes that ended it.
    await nextTurn();
    return { requests: recorder.requests, ending: recorder.ending ?? endingOf(recorder) };
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const recorder = this.recorders.get(req.socket as Duplex);
    if (recorder === undefined || recorder.closed) return;
    const request = framedHead(req, res.shouldKeepAlive);
    recorder.requests.push(request);
    recorder.last = req;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      request.body = Buffer.concat(chunks);
      res.end();
    });
  }
}

/** No error: the stream ended between requests, or inside one. */
function endingOf(recorder: Recorder): FramingEnding {
  const last = recorder.requests[recorder.requests.length - 1];
  return last !== undefined && last.body === undefined ? { kind: 'partial' } : { kind: 'idle' };
}

function errorEnding(error: LlhttpError): FramingEnding {
  const code = error.code ?? 'ERROR';
  // llhttp's word for a stream that ended inside a message head or body.
  if (code === 'HPE_INVALID_EOF_STATE') return { kind: 'partial' };
  return { kind: 'error', code, reason: error.reason ?? error.message, offset: error.bytesParsed, status: undefined };
}
