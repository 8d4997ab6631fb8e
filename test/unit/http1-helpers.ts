/**
 * Shared helpers for the http1 unit tests: drive a parser over some bytes and collect its events
 * as plain values that `assert.deepStrictEqual` can compare, whole or split at every byte.
 */
import assert from 'node:assert/strict';
import type { BodyFraming, ParseEvent, ParserOptions } from '../../src/http1/index.js';
import { RequestParser, ResponseParser } from '../../src/http1/index.js';

/** A parse event with its error flattened to the fields a test asserts on. */
export type EventRecord<Head> =
  | { readonly kind: 'head'; readonly head: Head; readonly framing: BodyFraming }
  | { readonly kind: 'message'; readonly head: Head; readonly body: Buffer }
  | { readonly kind: 'error'; readonly code: string; readonly status: number; readonly offset: number | undefined }
  | { readonly kind: 'closed' };

/** What the helpers need of a parser: the pull API shared by RequestParser and ResponseParser. */
export interface PullParser<Head> {
  feed(chunk: Buffer): void;
  end(): void;
  next(): ParseEvent<Head>;
}

export interface DriveOptions {
  /** Signal the end of the stream after the last chunk, and drain what that produces. */
  readonly end?: boolean;
}

/** Bytes from text, one byte per character (latin1), so `\x00`, `\r` and `\xff` mean those bytes. */
export function bytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** Pulls events until the parser needs data; stops after a terminal event (error or closed). */
export function drain<Head>(parser: PullParser<Head>, into: EventRecord<Head>[]): boolean {
  for (;;) {
    const event = parser.next();
    switch (event.kind) {
      case 'need-data':
        return false;
      case 'error':
        into.push({ kind: 'error', code: event.error.code, status: event.error.status, offset: event.error.offset });
        return true;
      case 'closed':
        into.push(event);
        return true;
      default:
        into.push(event as EventRecord<Head>);
    }
  }
}

/** Feeds `chunks` in order, pulling every event after each one; then optionally ends the stream. */
export function feedChunks<Head>(parser: PullParser<Head>, chunks: readonly Buffer[], options: DriveOptions = {}): EventRecord<Head>[] {
  const events: EventRecord<Head>[] = [];
  for (const chunk of chunks) {
    parser.feed(chunk);
    if (drain(parser, events)) return events;
  }
  if (options.end === true) {
    parser.end();
    drain(parser, events);
  }
  return events;
}

/** Every request event that `input` gives when fed whole to a new RequestParser. */
export function parseAll(input: Buffer | string, options: ParserOptions & DriveOptions = {}) {
  return feedChunks(new RequestParser(options), [typeof input === 'string' ? bytes(input) : input], options);
}

/** Every response event that `input` gives, after announcing the request `methods` in order. */
export function parseResponses(input: Buffer | string, methods: readonly string[], options: ParserOptions & DriveOptions = {}) {
  const parser = new ResponseParser(options);
  for (const method of methods) parser.expectResponseTo(method);
  return feedChunks(parser, [typeof input === 'string' ? bytes(input) : input], options);
}

/**
 * Calls `fn` with `input` cut in two at every offset from 1 to length - 1, and then cut into
 * one-byte pieces. `label` says which split a failing assertion came from.
 */
export function forEachSplit(input: Buffer | string, fn: (chunks: Buffer[], label: string) => void): void {
  const buf = typeof input === 'string' ? bytes(input) : input;
  for (let at = 1; at < buf.length; at++) fn([buf.subarray(0, at), buf.subarray(at)], `split at byte ${at}`);
  const single: Buffer[] = [];
  for (let i = 0; i < buf.length; i++) single.push(buf.subarray(i, i + 1));
  fn(single, 'one byte at a time');
}

/** Runs `input` whole and at every split through parsers made by `makeParser`; returns the whole-input events after checking that every split gives the same. */
export function sameEventsAtEverySplit<Head>(
  makeParser: () => PullParser<Head>,
  input: Buffer | string,
  assertEqual: (actual: unknown, expected: unknown, message: string) => void,
  options: DriveOptions = {},
): EventRecord<Head>[] {
  const buf = typeof input === 'string' ? bytes(input) : input;
  const whole = feedChunks(makeParser(), [buf], options);
  forEachSplit(buf, (chunks, label) => assertEqual(feedChunks(makeParser(), chunks, options), whole, label));
  return whole;
}

/** A request that must be rejected: the error's code, status and offset. */
export interface RejectCase {
  readonly name: string;
  readonly raw: Buffer | string;
  readonly code: string;
  readonly status: number;
  /** Stream offset of the offending byte; undefined where the error is about the head as a whole. */
  readonly offset: number | undefined;
  readonly lenient?: boolean;
}

/** Asserts that `raw` gives the head events it should and then exactly one error, whole and at every split. */
export function assertRejected(c: RejectCase, eventsBefore: readonly string[] = []): void {
  const options = { allowBareLf: c.lenient === true };
  const events = sameEventsAtEverySplit(() => new RequestParser(options), c.raw, assert.deepStrictEqual, { end: true });
  assert.deepStrictEqual(
    events.slice(0, -1).map((e) => e.kind),
    eventsBefore,
  );
  assert.deepStrictEqual(events.at(-1), { kind: 'error', code: c.code, status: c.status, offset: c.offset });
}
