import { responseFraming } from './framing.js';
import type { HeaderField } from './headers.js';
import { MessageParser, type MessageRole, type ParseEvent, type ParserOptions } from './message-parser.js';
import type { ResponseHead } from './messages.js';
import { parseStatusLine, type StatusLine } from './status-line.js';

export type ResponseEvent = ParseEvent<ResponseHead>;

/** Responses may be larger than what a server accepts as a request. */
const RESPONSE_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * Parses the responses of one connection: the client's half of the message layer.
 * A response's framing depends on the request it answers (HEAD has no body), so the
 * caller announces each request's method with `expectResponseTo`, in order.
 */
export class ResponseParser extends MessageParser<StatusLine, ResponseHead> {
  private readonly methods: string[];

  constructor(options: ParserOptions = {}) {
    const methods: string[] = [];
    const role: MessageRole<StatusLine, ResponseHead> = {
      startLineTooLong: 'INVALID_STATUS_LINE',
      parseStartLine: parseStatusLine,
      // A client shows what a server sent: allowBareLf reaches its chunked framing too.
      bareLfInChunks: true,
      makeHead: (line: StatusLine, headers: HeaderField[]): ResponseHead => ({ version: line.version, status: line.status, reason: line.reason, headers }),
      framing: (head, fields) => {
        // A 1xx response is followed by the final response to the same request.
        const method = head.status < 200 ? methods[0] : methods.shift();
        return responseFraming(head.status, fields, method ?? 'GET');
      },
    };
    super(role, { ...options, limits: { ...options.limits, maxBodyBytes: options.limits?.maxBodyBytes ?? RESPONSE_BODY_LIMIT } });
    this.methods = methods;
  }

  /** Announces that the next unanswered request on this connection used `method`. */
  expectResponseTo(method: string): void {
    this.methods.push(method);
  }
}
