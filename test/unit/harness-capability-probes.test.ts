import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe as suite, test } from 'node:test';
import type { Response } from '../../src/http1/index.js';
import {
  maybeLackingField,
  maybeLackingStrongEtag,
  maybeNoRanges,
  maybeNotEvaluating,
  multipartParts,
  rangeAnswerProblem,
  representation,
  requestedRanges,
  wholeAnswerProblem,
  withProbedValues,
  type Representation,
} from '../../src/harness/capability-probes.js';
import { HarnessError } from '../../src/harness/harness-errors.js';
import { Scenario } from '../../src/harness/scenario.js';
import { ROOT_PATHS } from '../../src/fixture/placeholders.js';

const CONTENT = Buffer.from('0123456789abcdef', 'latin1');

function response(status: number, headers: [string, string][] = [], body: Buffer | string = ''): Response {
  return { version: { major: 1, minor: 1 }, status, reason: '', headers, body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1') };
}

function found(headers: [string, string][]): Representation {
  return { path: '/', status: 200, headers, body: CONTENT };
}

suite('the probed values in a request', () => {
  const bytes = (text: string) => Buffer.from(text, 'latin1');

  test('each mark is the probed field, in the form it names', () => {
    const strong = found([['ETag', '"v1"'], ['Last-Modified', 'Sun, 06 Nov 1994 08:49:37 GMT'], ['Date', 'Mon, 07 Nov 1994 08:49:37 GMT']]);
    const filled = withProbedValues(bytes('{etag}|{weak-etag}|{strong-etag}|{last-modified}|{date}|{authority}'), strong, 'x.yaml').toString('latin1');
    assert.equal(filled, '"v1"|W/"v1"|"v1"|Sun, 06 Nov 1994 08:49:37 GMT|Mon, 07 Nov 1994 08:49:37 GMT|{authority}');
  });

  test('a weak ETag stays weak as {weak-etag} and loses its W/ as {strong-etag}', () => {
    const weak = found([['ETag', 'W/"v1"']]);
    assert.equal(withProbedValues(bytes('{weak-etag} {strong-etag}'), weak, 'x.yaml').toString('latin1'), 'W/"v1" "v1"');
  });

  test('a mark whose field was not probed is a harness error naming it', () => {
    assert.throws(() => withProbedValues(bytes('If-Modified-Since: {last-modified}'), found([['ETag', '"v1"']]), 'x.yaml'), (e: unknown) => e instanceof HarnessError && /x\.yaml uses \{last-modified\}.*no Last-Modified/.test(e.message));
  });
});

suite('the ranges a Range value asks', () => {
  test('int, open and suffix ranges, clipped to the representation, in the order asked', () => {
    assert.deepEqual(requestedRanges('bytes=0-4', 16), [{ first: 0, last: 4 }]);
    assert.deepEqual(requestedRanges('bytes=1-', 16), [{ first: 1, last: 15 }]);
    assert.deepEqual(requestedRanges('bytes=-5', 16), [{ first: 11, last: 15 }]);
    assert.deepEqual(requestedRanges('bytes=2-99999999', 16), [{ first: 2, last: 15 }]);
    assert.deepEqual(requestedRanges('bytes=-99999999', 16), [{ first: 0, last: 15 }]);
    assert.deepEqual(requestedRanges('BYTES=4-5, ,0-1', 16), [{ first: 4, last: 5 }, { first: 0, last: 1 }]);
  });

  test('unsatisfiable ranges are left out; an invalid value is undefined', () => {
    assert.deepEqual(requestedRanges('bytes=99-', 16), []);
    assert.deepEqual(requestedRanges('bytes=-0', 16), []);
    assert.equal(requestedRanges('bytes=5-1', 16), undefined);
    assert.equal(requestedRanges('bytes=a-b', 16), undefined);
    assert.equal(requestedRanges('pages=0-4', 16), undefined);
    assert.equal(requestedRanges('bytes=', 16), undefined);
  });
});

suite('a ranged answer against the representation', () => {
  const multipart = (parts: [string, string][], boundary = 'SEP') =>
    `preamble\r\n${parts.map(([range, content]) => `--${boundary}\r\nContent-Type: text/plain\r\nContent-Range: ${range}\r\n\r\n${content}\r\n`).join('')}--${boundary}--\r\n`;

  test('a 200 must be the whole representation', () => {
    assert.equal(rangeAnswerProblem(response(200, [], CONTENT), CONTENT, 'bytes=0-4'), undefined);
    assert.match(rangeAnswerProblem(response(200, [], '01234'), CONTENT, 'bytes=0-4') ?? '', /not the whole representation: 5 bytes, where GET answered 16/);
  });

  test('a single part: its Content-Range and exactly those bytes', () => {
    assert.equal(rangeAnswerProblem(response(206, [['Content-Range', 'bytes 0-4/16']], '01234'), CONTENT, 'bytes=0-4'), undefined);
    assert.equal(rangeAnswerProblem(response(206, [['Content-Range', 'bytes 11-15/*']], 'bcdef'), CONTENT, 'bytes=-5'), undefined);
    assert.match(rangeAnswerProblem(response(206, [], '01234'), CONTENT, 'bytes=0-4') ?? '', /without Content-Range/);
    assert.match(rangeAnswerProblem(response(206, [['Content-Range', 'bytes 0-4/16']], '12345'), CONTENT, 'bytes=0-4') ?? '', /does not hold those bytes/);
    assert.match(rangeAnswerProblem(response(206, [['Content-Range', 'bytes 0-4/17']], '01234'), CONTENT, 'bytes=0-4') ?? '', /length other than the representation's 16/);
    assert.match(rangeAnswerProblem(response(206, [['Content-Range', 'bytes 0-3/16']], '0123'), CONTENT, 'bytes=0-4') ?? '', /no part holds bytes 0-4/);
    assert.match(rangeAnswerProblem(response(206, [['Content-Range', '0-4']], '01234'), CONTENT, 'bytes=0-4') ?? '', /not "bytes first-last\/length"/);
  });

  test('overlapping or gapped ranges may come coalesced into one part', () => {
    assert.equal(rangeAnswerProblem(response(206, [['Content-Range', 'bytes 0-6/16']], '0123456'), CONTENT, 'bytes=0-4,2-6'), undefined);
    assert.equal(rangeAnswerProblem(response(206, [['Content-Range', 'bytes 0-5/16']], '012345'), CONTENT, 'bytes=4-5,0-1'), undefined);
    assert.match(rangeAnswerProblem(response(206, [['Content-Range', 'bytes 0-9/16']], '0123456789'), CONTENT, 'bytes=0-1,4-5') ?? '', /outside the 0-5 asked/);
  });

  test('several parts: a multipart/byteranges whose parts cover what was asked', () => {
    const type: [string, string] = ['Content-Type', 'multipart/byteranges; boundary=SEP'];
    assert.equal(rangeAnswerProblem(response(206, [type], multipart([['bytes 0-1/16', '01'], ['bytes 4-5/16', '45']])), CONTENT, 'bytes=0-1,4-5'), undefined);
    assert.equal(rangeAnswerProblem(response(206, [['Content-Type', 'multipart/byteranges; boundary="S P"']], multipart([['bytes 4-5/16', '45'], ['bytes 0-1/16', '01']], 'S P')), CONTENT, 'bytes=4-5,0-1'), undefined);
    assert.match(rangeAnswerProblem(response(206, [type], multipart([['bytes 0-1/16', '01']])), CONTENT, 'bytes=0-1,4-5') ?? '', /no part holds bytes 4-5/);
    assert.match(rangeAnswerProblem(response(206, [type], multipart([['bytes 0-1/16', '01'], ['bytes 4-5/16', 'xx']])), CONTENT, 'bytes=0-1,4-5') ?? '', /part bytes 4-5\/16 does not hold those bytes/);
    assert.match(rangeAnswerProblem(response(206, [['Content-Type', 'multipart/byteranges']], ''), CONTENT, 'bytes=0-1,4-5') ?? '', /without a boundary/);
  });

  test('a multipart body without its close-delimiter, or a part without Content-Range, is named', () => {
    assert.equal(multipartParts(Buffer.from('--SEP\r\nContent-Range: bytes 0-1/16\r\n\r\n01', 'latin1'), 'SEP'), 'a multipart/byteranges without its close-delimiter');
    assert.equal(multipartParts(Buffer.from('--SEP\r\nContent-Type: text/plain\r\n\r\n01\r\n--SEP--', 'latin1'), 'SEP'), 'a multipart/byteranges part without Content-Range');
  });

  test('a 206 to a Range that asks nothing satisfiable is wrong; other statuses are the fixture\'s', () => {
    assert.match(rangeAnswerProblem(response(206, [['Content-Range', 'bytes 0-4/16']], '01234'), CONTENT, 'bytes=5-1') ?? '', /asks no satisfiable range/);
    assert.equal(rangeAnswerProblem(response(416, [['Content-Range', 'bytes */16']]), CONTENT, 'bytes=99-'), undefined);
  });

  test('the whole representation: a 200 with every byte, nothing else', () => {
    assert.equal(wholeAnswerProblem(response(200, [], CONTENT), CONTENT), undefined);
    assert.match(wholeAnswerProblem(response(206, [['Content-Range', 'bytes 0-4/16']], '01234'), CONTENT) ?? '', /status 206, not 200/);
    assert.match(wholeAnswerProblem(response(200, [], 'short'), CONTENT) ?? '', /not the whole representation/);
  });
});

suite('the gates, against a server', () => {
  // ETag and If-None-Match, a Last-Modified it never compares, no ranges.
  let server: Server;
  let port = 0;
  before(async () => {
    server = createServer((req, res) => {
      const headers = { ETag: 'W/"v1"', 'Last-Modified': 'Sun, 06 Nov 1994 08:49:37 GMT', 'Content-Length': String(CONTENT.length) };
      if (req.headers['if-none-match'] === 'W/"v1"') res.writeHead(304, { ETag: 'W/"v1"' }).end();
      else res.writeHead(200, headers).end(CONTENT);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function scenario(): Scenario {
    const target = { host: '127.0.0.1', port, bundled: false, capabilities: { store: false, paths: ROOT_PATHS, echoesFields: false, settings: {} } };
    return new Scenario({ target, launcher: undefined, fixturesDir: 'fixtures', readTimeoutMs: 2000, level: 'must', rule: 'RFC 9110 §13.1.2', ignoreBodyTrailingWhitespace: false }, () => {});
  }

  test('what the target has passes its gate; what it lacks is the reason the scenario is n/a', async () => {
    const one = scenario();
    assert.equal(await maybeLackingField(one, 'ETag'), undefined);
    assert.equal(await maybeNotEvaluating(one, 'If-None-Match'), undefined);
    assert.equal(await maybeLackingField(one, 'Date'), undefined);
    assert.match((await maybeNotEvaluating(one, 'If-Modified-Since')) ?? '', /^GET \/ with If-Modified-Since naming its own Last-Modified got 200, not 304/);
    assert.match((await maybeLackingStrongEtag(one)) ?? '', /weak ETag \(W\/"v1"\)/);
    assert.match((await maybeNoRanges(one)) ?? '', /Range: bytes=0-0 got 200, not 206/);
    assert.deepEqual((await representation(one))?.body, CONTENT);
    const finding = await one.end();
    assert.equal(finding.evidence.filter((line) => line.startsWith('probe: GET /')).length, 4, 'the representation is probed once, then one probe per condition and range');
  });
});
