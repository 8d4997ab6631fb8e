/**
 * Properties of the sans-I/O message layer (issue 7): what the serializer writes the parser reads
 * back unchanged, however the bytes are cut; and no input at all makes either parser throw
 * anything but a typed ProtocolError with a 4xx/5xx status, or hold more than its limits allow.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DEFAULT_LIMITS,
  encodeChunked,
  isProtocolError,
  RequestParser,
  ResponseParser,
  serializeResponse,
  type HeaderField,
  type Limits,
  type ParseEvent,
} from '../../src/http1/index.js';
import { cutAt, cutPointsArb, fieldArb, limitsArb, mutatedRequestsArb, noiseArb, pipelineArb, wireRequestArb, type WireRequest } from './arbitraries.js';

/** A fixed seed keeps CI reproducible; FC_SEED=… explores other inputs, FC_RUNS=… more of them. */
const SEED = Number(process.env.FC_SEED ?? 7);
const RUNS = Number(process.env.FC_RUNS ?? 300);
const params = (runs: number = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns: runs, endOnFailure: false });

/** What a request message is, for comparison: the parsed fields the serializer wrote. */
interface Parsed {
  readonly method: string;
  readonly target: string;
  readonly version: string;
  readonly headers: readonly HeaderField[];
  readonly body: string;
}

const expectedOf = (r: WireRequest): Parsed => ({
  method: r.method,
  target: r.target,
  version: `${r.version.major}.${r.version.minor}`,
  headers: r.headers,
  body: r.body.toString('hex'),
});

/** Feeds `chunks` in order, pulling every event after each; returns the messages as `Parsed`. */
function parseRequests(chunks: readonly Buffer[]): { messages: Parsed[]; error: string | undefined } {
  const parser = new RequestParser();
  const messages: Parsed[] = [];
  for (const chunk of chunks) {
    parser.feed(chunk);
    for (let event = parser.next(); event.kind !== 'need-data'; event = parser.next()) {
      if (event.kind === 'error') return { messages, error: `${event.error.code}: ${event.error.message}` };
      if (event.kind === 'closed') throw new Error('closed without end()');
      if (event.kind === 'message') {
        const { head, body } = event;
        const version = `${head.version.major}.${head.version.minor}`;
        messages.push({ method: head.method, target: head.target, version, headers: head.headers.map(([n, v]) => [n, v]), body: body.toString('hex') });
      }
    }
  }
  return { messages, error: undefined };
}

describe('property: parse(serialize(request)) is the request', () => {
  it('one request, fed whole', () => {
    fc.assert(
      fc.property(wireRequestArb, (request) => {
        assert.deepStrictEqual(parseRequests([request.wire]), { messages: [expectedOf(request)], error: undefined });
      }),
      params(),
    );
  });

  it('pipelined requests cut into random chunks give the same messages as whole', () => {
    fc.assert(
      fc.property(pipelineArb, cutPointsArb, (requests, cuts) => {
        const wire = Buffer.concat(requests.map((r) => r.wire));
        const expected = { messages: requests.map(expectedOf), error: undefined };
        assert.deepStrictEqual(parseRequests([wire]), expected);
        assert.deepStrictEqual(parseRequests(cutAt(wire, cuts)), expected);
      }),
      params(),
    );
  });

  it('pipelined requests fed one byte at a time', () => {
    fc.assert(
      fc.property(pipelineArb, (requests) => {
        const wire = Buffer.concat(requests.map((r) => r.wire));
        const bytes = Array.from({ length: wire.length }, (_, i) => wire.subarray(i, i + 1));
        assert.deepStrictEqual(parseRequests(bytes), { messages: requests.map(expectedOf), error: undefined });
      }),
      params(50),
    );
  });
});

/** The most a parser may hold once it has been drained: every limit, plus the chunk just fed. */
function bound(limits: Limits, chunk: number): number {
  return limits.maxStartLineBytes + limits.maxHeaderBytes + limits.maxBodyBytes + chunk;
}

interface Pullable {
  feed(chunk: Buffer): void;
  end(): void;
  next(): ParseEvent<unknown>;
  readonly bufferedBytes: number;
}

/**
 * Drives a parser over `chunks` and checks each event as it comes: only need-data, head,
 * message, closed or a ProtocolError with a 4xx/5xx status and an offset inside the input;
 * an error is final; and after each chunk is drained, `bufferedBytes` stays within `limit`.
 */
function assertWellBehaved(parser: Pullable, chunks: readonly Buffer[], limits: Limits, end: boolean): void {
  let fed = 0;
  const drain = (lastChunk: number): boolean => {
    for (let i = 0; i < 10_000; i++) {
      let event: ParseEvent<unknown>;
      try {
        event = parser.next();
      } catch (error) {
        assert.fail(`next() threw ${String(error)} (not returned as an error event)`);
      }
      switch (event.kind) {
        case 'need-data':
          assert.ok(parser.bufferedBytes <= bound(limits, lastChunk), `bufferedBytes ${parser.bufferedBytes} > ${bound(limits, lastChunk)}`);
          return false;
        case 'head':
        case 'message':
          continue;
        case 'closed':
          return true;
        case 'error': {
          const { error } = event;
          assert.ok(isProtocolError(error), 'error is a ProtocolError');
          assert.ok(error.status >= 400 && error.status <= 599, `status ${error.status} for ${error.code}`);
          if (error.offset !== undefined) assert.ok(error.offset >= 0 && error.offset <= fed, `offset ${error.offset} outside the ${fed} bytes fed`);
          const again = parser.next();
          assert.ok(again.kind === 'error' && again.error === error, 'the error is final');
          return true;
        }
      }
    }
    return assert.fail('more than 10,000 events from one chunk');
  };
  for (const chunk of chunks) {
    parser.feed(chunk);
    fed += chunk.length;
    if (drain(chunk.length)) return;
  }
  if (end) {
    parser.end();
    drain(0);
  }
}

const garbageArb = fc.oneof(noiseArb, mutatedRequestsArb);

/** Well-formed responses framed by Content-Length or chunked, to mutate. */
const responseArb: fc.Arbitrary<Buffer> = fc
  .record({
    status: fc.constantFrom(100, 200, 201, 204, 304, 400, 404, 413, 500),
    fields: fc.array(fieldArb, { maxLength: 4 }),
    body: fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)),
    chunked: fc.boolean(),
  })
  .map(({ status, fields, body, chunked }) => {
    if (chunked) {
      const coded = encodeChunked(body.length === 0 ? [] : [{ data: body }]);
      return serializeResponse({ status, headers: [...fields, ['Transfer-Encoding', 'chunked']], body: coded });
    }
    return serializeResponse({ status, headers: [...fields, ['Content-Length', String(body.length)]], body });
  });


describe('property: any bytes give messages or a typed ProtocolError', () => {
  it('RequestParser, random and mutated input, random limits and cuts', () => {
    fc.assert(
      fc.property(garbageArb, cutPointsArb, limitsArb, fc.boolean(), fc.boolean(), (input, cuts, limits, allowBareLf, end) => {
        const parser = new RequestParser({ limits, allowBareLf });
        assertWellBehaved(parser, cutAt(input, cuts), limits ?? DEFAULT_LIMITS, end);
      }),
      params(1000),
    );
  });

  it('RequestParser, a long line in any part of a chunked request, fed in small chunks', () => {
    const partArb = fc.constantFrom('request-line', 'field', 'chunk-size', 'chunk-ext', 'trailer');
    fc.assert(
      fc.property(partArb, fc.integer({ min: 1, max: 6000 }), limitsArb, cutPointsArb, (part, length, limits, cuts) => {
        const long = 'a'.repeat(length);
        const wire = {
          'request-line': `POST /${long} HTTP/1.1\r\n`,
          field: `POST / HTTP/1.1\r\nX: ${long}\r\n`,
          'chunk-size': `POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n${'0'.repeat(length)}1\r\n`,
          'chunk-ext': `POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;${long}\r\n`,
          trailer: `POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nT: ${long}\r\n`,
        }[part];
        const bytes = Buffer.from(wire, 'latin1');
        const chunks = cutAt(bytes, [...cuts, ...Array.from({ length: 60 }, (_, i) => Math.floor(((i + 1) * bytes.length) / 61))]);
        assertWellBehaved(new RequestParser({ limits }), chunks, limits ?? DEFAULT_LIMITS, false);
      }),
      params(300),
    );
  });

  it('RequestParser, input repeated in 16 KiB chunks (up to 32 MiB), default limits', () => {
    const bigArb = fc.tuple(garbageArb, fc.integer({ min: 50, max: 2000 }));
    fc.assert(
      fc.property(bigArb, ([unit, repeats]) => {
        const chunk = Buffer.concat(Array.from({ length: Math.ceil(16_384 / Math.max(1, unit.length)) }, () => unit)).subarray(0, 16_384);
        assertWellBehaved(new RequestParser({ allowBareLf: true }), Array.from({ length: repeats }, () => chunk), DEFAULT_LIMITS, false);
      }),
      params(30),
    );
  });

  const methodsArb = fc.array(fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'), { maxLength: 6 });

  it('ResponseParser, random and mutated responses, random methods and limits', () => {
    const responsesArb = fc.oneof(
      noiseArb,
      fc.tuple(fc.array(responseArb, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 })).map(
        ([responses, at, bytes]) => {
          let wire = Buffer.concat(responses);
          at.forEach((p, i) => {
            const pos = p % (wire.length + 1);
            wire = Buffer.concat([wire.subarray(0, pos), Buffer.of(bytes[i] ?? 0x0a), wire.subarray(pos)]);
          });
          return wire;
        },
      ),
    );
    fc.assert(
      fc.property(responsesArb, methodsArb, cutPointsArb, limitsArb, fc.boolean(), fc.boolean(), (input, methods, cuts, limits, allowBareLf, end) => {
        const parser = new ResponseParser({ limits, allowBareLf });
        for (const method of methods) parser.expectResponseTo(method);
        // A response's own body limit is larger than a request's unless one is given.
        const effective = limits ?? { ...DEFAULT_LIMITS, maxBodyBytes: 64 * 1024 * 1024 };
        assertWellBehaved(parser, cutAt(input, cuts), effective, end);
      }),
      params(1000),
    );
  });
});

describe('property: parse(serialize(response)) is the response', () => {
  it('status, fields in order and body survive, pipelined and cut at random', () => {
    const oneArb = fc.record({
      status: fc.integer({ min: 200, max: 599 }).filter((s) => s !== 204 && s !== 304),
      fields: fc.array(fieldArb, { maxLength: 6 }),
      body: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    });
    fc.assert(
      fc.property(fc.array(oneArb, { minLength: 1, maxLength: 4 }), cutPointsArb, (specs, cuts) => {
        const wires = specs.map((s) => serializeResponse({ status: s.status, headers: [...s.fields, ['Content-Length', String(s.body.length)]], body: s.body }));
        const parser = new ResponseParser();
        for (let i = 0; i < specs.length; i++) parser.expectResponseTo('GET');
        const got: unknown[] = [];
        for (const chunk of cutAt(Buffer.concat(wires), cuts)) {
          parser.feed(chunk);
          for (let e = parser.next(); e.kind !== 'need-data'; e = parser.next()) {
            if (e.kind === 'error') assert.fail(`${e.error.code}: ${e.error.message}`);
            if (e.kind === 'message') got.push({ status: e.head.status, headers: e.head.headers.slice(0, -1), body: e.body.toString('hex') });
          }
        }
        assert.deepStrictEqual(
          got,
          specs.map((s) => ({ status: s.status, headers: s.fields, body: s.body.toString('hex') })),
        );
      }),
      params(),
    );
  });
});
