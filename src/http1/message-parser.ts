import { BodyBuffer } from './body-buffer.js';
import { ChunkedDecoder } from './chunked-decoder.js';
import type { ErrorCode } from './error-codes.js';
import { parseFieldLine } from './field-line.js';
import type { BodyFraming } from './framing.js';
import { FramingFields } from './framing-fields.js';
import type { HeaderField } from './headers.js';
import { resolveLimits, type Limits } from './limits.js';
import { maybeLine } from './line-splitter.js';
import { ProtocolError } from './protocol-error.js';

export interface ParserOptions {
  readonly limits?: Partial<Limits>;
  /**
   * Leniency: accept LF alone as a line end (RFC 9112 §2.2 allows a recipient to): in the head,
   * and in chunked framing only where the role allows it (responses, not requests).
   */
  readonly allowBareLf?: boolean;
}

/** What a parser says when asked for its next event: a small closed union, tagged by `kind`. */
export type ParseEvent<Head> =
  /** Nothing more can be parsed until more bytes are fed (or the end is signalled). */
  | { readonly kind: 'need-data' }
  /** A head is complete; its body, if any, follows. */
  | { readonly kind: 'head'; readonly head: Head; readonly framing: BodyFraming }
  /** A whole message: always preceded by its `head` event. */
  | { readonly kind: 'message'; readonly head: Head; readonly body: Buffer }
  /** The input broke the protocol. Final: every later call returns the same error. */
  | { readonly kind: 'error'; readonly error: ProtocolError }
  /** The peer ended the stream between messages. */
  | { readonly kind: 'closed' };

/** What distinguishes requests from responses: the start line, the head's rules, the framing. */
export interface MessageRole<StartLine, Head> {
  readonly startLineTooLong: ErrorCode;
  /**
   * Judges the first bytes of a start line, ended or not, before its length is: a refusal they
   * already decide comes first, and as soon as they arrive.
   */
  checkStartLineStart?(buf: Buffer, start: number, end: number, offset: number): void;
  parseStartLine(buf: Buffer, start: number, end: number, offset: number): StartLine;
  /** `fields` indexes the framing fields of `headers`, noted as they were read. */
  makeHead(startLine: StartLine, headers: HeaderField[], fields: FramingFields): Head;
  framing(head: Head, fields: FramingFields): BodyFraming;
  /** Whether `allowBareLf` also lets LF alone end the lines of chunked framing, not only those of the head. */
  readonly bareLfInChunks: boolean;
  /** True when nothing follows this head's message on the connection: such a head is not kept, as it cannot come again. */
  isLast?(head: Head): boolean;
}

type State = 'start-line' | 'fields' | 'body' | 'error';

const EMPTY = Buffer.alloc(0);
const NEED_DATA = { kind: 'need-data' } as const;
const CLOSED = { kind: 'closed' } as const;

/**
 * A head that was read whole from one buffer, kept so that the same bytes again (a kept-alive
 * client sends the same few requests over and over) are not split, checked and decoded again:
 * a head's parse depends on nothing but its bytes and the parser's options.
 */
interface KnownHead<Head> {
  /** A copy of the head's bytes, start line to empty line inclusive. */
  readonly bytes: Buffer;
  /** The head made from them, frozen: every repeat of the bytes gets this same object. */
  readonly head: Head;
  readonly framingFields: FramingFields;
}

/** How many distinct heads a parser keeps: a client repeats a few kinds of request (POST, GET, DELETE). */
const KNOWN_HEADS = 4;
/** Only heads up to this size are kept, so that an idle connection holds little. */
const MAX_KNOWN_HEAD_BYTES = 1024;
/**
 * Some clients never repeat a head (a Postman-Token is new on every request): after this many
 * heads in a row that were not known, heads are no longer looked up or kept, but for one in
 * RELEARN_EVERY, so a client that settles into repeating itself is noticed again.
 */
const MAX_UNKNOWN_HEADS = 8;
const RELEARN_EVERY = 64;
/** The least room taken for unparsed input carried over to the next buffer fed (a partial line). */
const MIN_CARRY_CAPACITY = 1024;

/**
 * The sans-I/O HTTP/1.1 message parser: bytes go in with `feed`, events come out of `next`.
 * It holds no socket, timer or global; memory is bounded by its limits.
 */
export class MessageParser<StartLine, Head> {
  private readonly limits: Limits;
  private readonly allowBareLf: boolean;
  private buf: Buffer = EMPTY;
  /**
   * Storage of the parser's own that `buf` is the start of, when input was carried over from one
   * buffer fed to the next; undefined when `buf` is the buffer last fed, as it came.
   */
  private carry: Buffer | undefined;
  private pos = 0;
  /** Stream position of buf[0]. */
  private base = 0;
  private ended = false;
  private state: State = 'start-line';
  private failure: ProtocolError | undefined;
  private startLine: StartLine | undefined;
  private fields: HeaderField[] = [];
  /** The framing fields among `fields`, noted in the same pass. */
  private framingFields = new FramingFields();
  private headerBytes = 0;
  /** Where in `buf` the current head's start line began; -1 once `buf` has been replaced since. */
  private headStart = -1;
  private readonly knownHeads: KnownHead<Head>[] = [];
  /** Heads parsed in full since a known head last came again. */
  private unknownHeads = 0;
  private nextKnownSlot = 0;
  private head: Head | undefined;
  private framing: BodyFraming | undefined;
  /** The Content-Length or close-delimited body in progress. */
  private body: BodyBuffer | undefined;
  private chunked: ChunkedDecoder | undefined;

  constructor(
    private readonly role: MessageRole<StartLine, Head>,
    options: ParserOptions = {},
  ) {
    this.limits = resolveLimits(options.limits);
    this.allowBareLf = options.allowBareLf ?? false;
  }

  feed(chunk: Buffer): void {
    // After an error nothing more is parsed, so nothing more is kept.
    if (chunk.length === 0 || this.failure !== undefined) return;
    if (this.pos === this.buf.length) {
      this.base += this.buf.length;
      this.buf = chunk;
      this.carry = undefined;
      this.pos = 0;
    } else {
      this.carryOver(chunk);
    }
    // A head in progress now spans two buffers: it is parsed, but not kept as a known head.
    this.headStart = -1;
  }

  /**
   * Appends `chunk` to the unparsed rest of `buf` (a partial line, bounded by the limits): copied
   * after it in place while the carry has room, else both copied into a new carry twice their
   * size. Each byte is copied a bounded number of times however small the pieces it comes in:
   * no concatenation per piece. Bytes before `pos` are never written over, as views of them
   * (a body's first piece) may still be held.
   */
  private carryOver(chunk: Buffer): void {
    const { buf, carry } = this;
    if (carry !== undefined && carry.length - buf.length >= chunk.length) {
      chunk.copy(carry, buf.length);
      this.buf = carry.subarray(0, buf.length + chunk.length);
      return;
    }
    const rest = buf.length - this.pos;
    const grown = Buffer.allocUnsafe(Math.max(MIN_CARRY_CAPACITY, 2 * (rest + chunk.length)));
    buf.copy(grown, 0, this.pos);
    chunk.copy(grown, rest);
    this.base += this.pos;
    this.pos = 0;
    this.carry = grown;
    this.buf = grown.subarray(0, rest + chunk.length);
  }

  /** Signals the end of the stream: a close-delimited body ends, a partial message is an error. */
  end(): void {
    this.ended = true;
  }

  /** True while a message has begun but is not complete: bytes are buffered or a head is read. */
  get hasPartialMessage(): boolean {
    return this.state === 'fields' || this.state === 'body' || this.pos < this.buf.length;
  }

  /** Bytes held for the message in progress: unparsed input plus body read so far. */
  get bufferedBytes(): number {
    return this.buf.length - this.pos + (this.body?.length ?? 0) + (this.chunked?.body.length ?? 0);
  }

  next(): ParseEvent<Head> {
    if (this.failure !== undefined) return { kind: 'error', error: this.failure };
    try {
      return this.step();
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.failure = error;
      this.state = 'error';
      return { kind: 'error', error };
    }
  }

  private step(): ParseEvent<Head> {
    while (this.state === 'start-line' || this.state === 'fields') {
      if (this.state === 'start-line' && this.knownHeads.length > 0 && this.isLearning()) {
        const known = this.maybeKnownHead();
        if (known !== undefined) return this.repeatHead(known);
      }
      const line = maybeLine(this.buf, this.pos);
      if (line === undefined) return this.waitForLine();
      if (line.bareLf && !this.allowBareLf) throw new ProtocolError('BARE_LF', 'Line ends with LF alone', this.base + line.end);
      const offset = this.base + line.start;
      this.pos = line.next;
      if (this.state === 'start-line') this.readStartLine(line.start, line.end, offset);
      else if (line.end > line.start) this.readFieldLine(line.start, line.end, line.next - line.start, offset);
      else return this.completeHead();
    }
    return this.readBody();
  }

  private waitForLine(): ParseEvent<Head> {
    const pending = this.buf.length - this.pos;
    const offset = this.base + this.pos;
    if (this.state === 'start-line') this.role.checkStartLineStart?.(this.buf, this.pos, this.buf.length, offset);
    if (this.state === 'start-line' && pending > this.limits.maxStartLineBytes + 1) {
      throw new ProtocolError(this.role.startLineTooLong, `Start line is longer than ${this.limits.maxStartLineBytes} bytes`, offset);
    }
    if (this.state === 'fields' && this.headerBytes + pending > this.limits.maxHeaderBytes) {
      throw new ProtocolError('HEADERS_TOO_LARGE', `Header section is larger than ${this.limits.maxHeaderBytes} bytes`, offset);
    }
    if (!this.ended) return NEED_DATA;
    if (this.state === 'start-line' && pending === 0) return CLOSED;
    throw new ProtocolError('INCOMPLETE_MESSAGE', 'Stream ended inside a message head', offset);
  }

  private readStartLine(start: number, end: number, offset: number): void {
    // RFC 9112 §2.2: empty lines before a request line are ignored.
    if (end === start) return;
    this.role.checkStartLineStart?.(this.buf, start, end, offset);
    if (end - start > this.limits.maxStartLineBytes) {
      throw new ProtocolError(this.role.startLineTooLong, `Start line is longer than ${this.limits.maxStartLineBytes} bytes`, offset);
    }
    this.startLine = this.role.parseStartLine(this.buf, start, end, offset);
    this.fields = [];
    this.framingFields = new FramingFields();
    this.headStart = start;
    this.state = 'fields';
  }

  private readFieldLine(start: number, end: number, lineBytes: number, offset: number): void {
    this.headerBytes += lineBytes;
    if (this.headerBytes > this.limits.maxHeaderBytes) {
      throw new ProtocolError('HEADERS_TOO_LARGE', `Header section is larger than ${this.limits.maxHeaderBytes} bytes`, offset);
    }
    if (this.fields.length === this.limits.maxHeaderCount) {
      throw new ProtocolError('TOO_MANY_HEADERS', `More than ${this.limits.maxHeaderCount} header fields`, offset);
    }
    const field = parseFieldLine(this.buf, start, end, offset);
    this.fields.push(field);
    this.framingFields.note(field[0], field[1]);
  }

  /** Whether heads are looked up and kept: yes, unless the last several were all new. */
  private isLearning(): boolean {
    return this.unknownHeads < MAX_UNKNOWN_HEADS || this.unknownHeads % RELEARN_EVERY === 0;
  }

  /** The known head whose bytes come next in `buf`, whole. */
  private maybeKnownHead(): KnownHead<Head> | undefined {
    const available = this.buf.length - this.pos;
    const first = this.buf[this.pos];
    for (const known of this.knownHeads) {
      const length = known.bytes.length;
      if (length <= available && known.bytes[0] === first && known.bytes.compare(this.buf, this.pos, this.pos + length) === 0) return known;
    }
    return undefined;
  }

  /** The same bytes as a head read before: the same (frozen) head, not made again. */
  private repeatHead(known: KnownHead<Head>): ParseEvent<Head> {
    this.unknownHeads = 0;
    this.pos += known.bytes.length;
    this.framingFields = known.framingFields;
    this.headStart = -1;
    return this.headEvent(known.head);
  }

  private completeHead(): ParseEvent<Head> {
    const head = this.role.makeHead(this.startLine!, this.fields, this.framingFields);
    const event = this.headEvent(head);
    if (this.headStart !== -1) {
      if (this.isLearning() && this.role.isLast?.(head) !== true) this.keepKnownHead(head);
      this.unknownHeads++;
      this.headStart = -1;
    }
    return event;
  }

  /** The head is valid: its framing (checked against the body limit) says what follows. */
  private headEvent(head: Head): ParseEvent<Head> {
    const framing = this.role.framing(head, this.framingFields);
    if (framing.kind === 'length' && framing.length > this.limits.maxBodyBytes) {
      throw new ProtocolError('BODY_TOO_LARGE', `Content-Length ${framing.length} exceeds ${this.limits.maxBodyBytes} bytes`);
    }
    if (framing.kind === 'chunked') this.chunked = new ChunkedDecoder(this.limits, this.allowBareLf && this.role.bareLfInChunks);
    else if (framing.kind === 'length') this.body = new BodyBuffer(framing.length);
    else if (framing.kind === 'until-close') this.body = new BodyBuffer(this.limits.maxBodyBytes);
    this.head = head;
    this.framing = framing;
    this.state = 'body';
    return { kind: 'head', head, framing };
  }

  /**
   * Keeps the head just read (whole in `buf`, and valid) for when its bytes come again. It is
   * frozen, with its field list, since every repeat hands out the same object.
   */
  private keepKnownHead(head: Head): void {
    const length = this.pos - this.headStart;
    if (length > MAX_KNOWN_HEAD_BYTES) return;
    Object.freeze(this.fields);
    this.knownHeads[this.nextKnownSlot] = {
      bytes: Buffer.from(this.buf.subarray(this.pos - length, this.pos)),
      head: Object.freeze(head),
      framingFields: this.framingFields,
    };
    this.nextKnownSlot = (this.nextKnownSlot + 1) % KNOWN_HEADS;
  }

  private readBody(): ParseEvent<Head> {
    const framing = this.framing!;
    switch (framing.kind) {
      case 'none':
        return this.completeMessage(EMPTY);
      case 'length': {
        const body = this.body!;
        this.takeBody(body, framing.length - body.length);
        if (body.length === framing.length) return this.completeMessage(body.take());
        return this.waitForBody();
      }
      case 'chunked': {
        const chunked = this.chunked!;
        this.pos = chunked.read(this.buf, this.pos, this.base);
        if (chunked.done) return this.completeMessage(chunked.body.take());
        return this.waitForBody();
      }
      case 'until-close': {
        const body = this.body!;
        if (body.length + this.buf.length - this.pos > this.limits.maxBodyBytes) throw new ProtocolError('BODY_TOO_LARGE', `Body exceeds ${this.limits.maxBodyBytes} bytes`);
        this.takeBody(body, Infinity);
        if (this.ended) return this.completeMessage(body.take());
        return NEED_DATA;
      }
    }
  }

  private takeBody(body: BodyBuffer, wanted: number): void {
    const end = this.pos + Math.min(wanted, this.buf.length - this.pos);
    body.append(this.buf, this.pos, end);
    this.pos = end;
  }

  private waitForBody(): ParseEvent<Head> {
    if (!this.ended) return NEED_DATA;
    throw new ProtocolError('INCOMPLETE_MESSAGE', 'Stream ended inside a message body', this.base + this.pos);
  }

  private completeMessage(body: Buffer): ParseEvent<Head> {
    const head = this.head!;
    this.state = 'start-line';
    this.startLine = undefined;
    this.headerBytes = 0;
    this.head = undefined;
    this.framing = undefined;
    this.body = undefined;
    this.chunked = undefined;
    return { kind: 'message', head, body };
  }
}
