import type { Headers } from './headers.js';

/** An HTTP version as its two digits; `HTTP/1.1` is { major: 1, minor: 1 }. */
export interface HttpVersion {
  readonly major: number;
  readonly minor: number;
}

/** A request's head: what arrives before the body. */
export interface RequestHead {
  readonly method: string;
  /** The request-target exactly as sent. */
  readonly target: string;
  readonly version: HttpVersion;
  readonly headers: Headers;
  /** True when the request asks for `100 Continue` before its body is sent. */
  readonly expectContinue: boolean;
  /** True when the connection may carry another request after this one (RFC 9112 §9.3). */
  readonly keepAlive: boolean;
}

export interface Request extends RequestHead {
  readonly body: Buffer;
}

/** A response's head, as parsed by the client or built by the server. */
export interface ResponseHead {
  readonly version: HttpVersion;
  readonly status: number;
  readonly reason: string;
  readonly headers: Headers;
}

export interface Response extends ResponseHead {
  readonly body: Buffer;
}
