import { RequestParser, type Limits } from '../http1/index.js';

/**
 * How one parser framed a byte stream, in a shape two parsers can be compared in: the requests
 * it read, in order, and how the stream ended for it. What the connection does with a request
 * (routes, 100-continue) is not framing and is left out.
 */
export interface FramedRequest {
  readonly method: string;
  readonly target: string;
  /** As `HTTP/x.y` has it: `1.1`. */
  readonly version: string;
  /** The field lines as received, name and value (values trimmed of OWS). */
  readonly headers: readonly (readonly [string, string])[];
  /** The connection may carry another request after this one. */
  readonly keepAlive: boolean;
  /** The decoded body, once the request is complete; undefined when the stream ended inside it. */
  body: Buffer | undefined;
}

/** How the stream ended, after the last request read. */
export type FramingEnding =
  /** Every request was complete; nothing, or nothing the parser would read, followed. */
  | { readonly kind: 'idle' }
  /** The stream ended inside a request: its head or its body. */
  | { readonly kind: 'partial' }
  /** The parser refused the input: a code of its own, the byte where (when known) and, for the bundled parser, the status. */
  | { readonly kind: 'error'; readonly code: string; readonly reason: string; readonly offset: number | undefined; readonly status: number | undefined }
  /** The last request's head handed the connection to another protocol (llhttp: CONNECT, Upgrade); nothing after it is HTTP/1.1. */
  | { readonly kind: 'handover'; readonly via: 'connect' | 'upgrade' };

export interface StreamFraming {
  readonly requests: FramedRequest[];
  readonly ending: FramingEnding;
}

/** The bundled parser's framing, with where each request began. */
export interface BundledFraming extends StreamFraming {
  /** The stream offset where request i began: 0, then the byte after each message read. */
  readonly starts: readonly number[];
}

const versionText = (version: { readonly major: number; readonly minor: number }): string => `${version.major}.${version.minor}`;

/**
 * The bundled server's framing of `bytes`: its RequestParser with the server's options (bare LF
 * in the head, `limits`), the stream then ended. Reading stops after a request that does not keep
 * the connection alive, as the server stops reading there.
 */
export function bundledFraming(bytes: Buffer, limits: Limits): BundledFraming {
  const parser = new RequestParser({ limits, allowBareLf: true });
  parser.feed(bytes);
  parser.end();
  const requests: FramedRequest[] = [];
  const starts = [0];
  const framing = (ending: FramingEnding): BundledFraming => ({ requests, ending, starts });
  for (let i = 0; i <= bytes.length + 1; i++) {
    const event = parser.next();
    switch (event.kind) {
      case 'head': {
        const { head } = event;
        requests.push({ method: head.method, target: head.target, version: versionText(head.version), headers: head.headers, keepAlive: head.keepAlive, body: undefined });
        break;
      }
      case 'message':
        requests[requests.length - 1]!.body = event.body;
        // Between messages, what the parser holds is the rest of the stream.
        starts.push(bytes.length - parser.bufferedBytes);
        if (!event.head.keepAlive) return framing({ kind: 'idle' });
        break;
      case 'error': {
        const { error } = event;
        // The stream's end inside a message is how it ended, not a refusal of its bytes.
        if (error.code === 'INCOMPLETE_MESSAGE') return framing({ kind: 'partial' });
        return framing({ kind: 'error', code: error.code, reason: error.message, offset: error.offset, status: error.status });
      }
      case 'need-data':
      case 'closed':
        return framing({ kind: 'idle' });
    }
  }
  throw new Error('the parser gave more events than there are bytes');
}
