/** The CLI's flags and the assignment's request bytes: pure functions, no sockets. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assignmentRequestBytes, CLIENT_NAME, maybeHttpVersion } from '../../src/client/assignment-request.js';
import { UsageError as CliError } from '../../src/cli/arguments.js';
import { errorLine } from '../../src/client/cli-error.js';
import { parseCliArgs, type CliCommand } from '../../src/client/cli-options.js';
import { ConnectRefusedError } from '../../src/client/errors.js';

const NO_ENV = {};

function oneShot(command: CliCommand) {
  assert.equal(command.kind, 'one-shot');
  return command;
}

function usageError(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseCliArgs(argv, env);
  } catch (error) {
    assert.ok(error instanceof CliError, String(error));
    return error.message;
  }
  return assert.fail(`accepted: ${argv.join(' ')}`);
}

describe('parseCliArgs', () => {
  test('no flags: interactive, to 127.0.0.1:8080 unless HOST and PORT say otherwise', () => {
    assert.deepEqual(parseCliArgs([], NO_ENV), { kind: 'interactive', target: { host: '127.0.0.1', port: 8080 }, timeoutMs: 10_000 });
    assert.deepEqual(parseCliArgs([], { HOST: 'example.test', PORT: '9000' }), {
      kind: 'interactive',
      target: { host: 'example.test', port: 9000 },
      timeoutMs: 10_000,
    });
    assert.deepEqual(parseCliArgs(['--host', 'h', '--port', '1', '--timeout', '50'], { HOST: 'x', PORT: '2' }), {
      kind: 'interactive',
      target: { host: 'h', port: 1 },
      timeoutMs: 50,
    });
  });

  test('empty HOST and PORT count as unset', () => {
    assert.deepEqual(parseCliArgs([], { HOST: '', PORT: '' }), { kind: 'interactive', target: { host: '127.0.0.1', port: 8080 }, timeoutMs: 10_000 });
  });

  test('request flags select one-shot mode and fill in the request', () => {
    const command = oneShot(
      parseCliArgs(['--method', 'POST', '--url', '/x', '--body', 'text', '--version', 'HTTP/1.0', '--header', 'X-A:  b ', '--fragment', '3', '--delay', '0'], NO_ENV),
    );
    assert.deepEqual(command.request, {
      kind: 'built',
      method: 'POST',
      url: '/x',
      version: { major: 1, minor: 0 },
      body: 'text',
      headers: [['X-A', 'b']],
    });
    assert.deepEqual(command.send, { fragmentSize: 3, delayMs: 0 });
  });

  test('one-shot defaults: GET / HTTP/1.1, sent whole', () => {
    const command = oneShot(parseCliArgs(['--url', '/'], NO_ENV));
    assert.deepEqual(command.request, { kind: 'built', method: 'GET', url: '/', version: { major: 1, minor: 1 }, body: undefined, headers: [] });
    assert.deepEqual(command.send, { fragmentSize: undefined, delayMs: undefined });
  });

  test('--raw takes a file or -, and --method only for framing', () => {
    assert.deepEqual(oneShot(parseCliArgs(['--raw', '-'], NO_ENV)).request, { kind: 'raw', path: '-', method: undefined });
    assert.deepEqual(oneShot(parseCliArgs(['--raw', 'req.txt', '--method', 'HEAD'], NO_ENV)).request, { kind: 'raw', path: 'req.txt', method: 'HEAD' });
  });

  test('--help', () => {
    assert.deepEqual(parseCliArgs(['--help'], NO_ENV), { kind: 'help' });
    assert.deepEqual(parseCliArgs(['-h'], NO_ENV), { kind: 'help' });
  });

  test('--tls, with --insecure and --servername, goes with the target to both modes', () => {
    assert.deepEqual(parseCliArgs(['--tls'], NO_ENV), { kind: 'interactive', target: { host: '127.0.0.1', port: 8080, tls: {} }, timeoutMs: 10_000 });
    assert.deepEqual(oneShot(parseCliArgs(['--tls', '--insecure', '--servername', 'localhost', '--url', '/x'], NO_ENV)).target, {
      host: '127.0.0.1',
      port: 8080,
      tls: { insecure: true, servername: 'localhost' },
    });
    assert.equal(usageError(['--insecure']), '--insecure is for a TLS connection: add --tls');
    assert.equal(usageError(['--servername', 'localhost']), '--servername is for a TLS connection: add --tls');
    assert.equal(usageError(['--tls', '--servername', '']), '--servername needs a name');
  });

  test('bad flags are one-line CliErrors', () => {
    // parseArgs's own words name the culprit; their exact text is Node's.
    assert.match(usageError(['--bogus']), /'--bogus'.* \(see --help\)$/);
    assert.match(usageError(['stray']), /'stray'.* \(see --help\)$/);
    assert.match(usageError(['--fragment', '-1']), /'--fragment'/);
    assert.equal(usageError(['--port', '0']), '--port must be a port number from 1 to 65535, not "0"');
    assert.equal(usageError([], { PORT: 'http' }), 'PORT must be a port number from 1 to 65535, not "http"');
    assert.equal(usageError(['--timeout', '0']), '--timeout must be an integer of at least 1, not "0"');
    assert.equal(usageError(['--fragment=0']), '--fragment must be an integer of at least 1, not "0"');
    assert.equal(usageError(['--delay', 'soon']), '--delay must be an integer of at least 0, not "soon"');
    assert.equal(usageError(['--header', 'no colon']), `--header must look like 'Name: value', not "no colon"`);
    assert.equal(usageError(['--version', 'HTTP/2']), '--version must look like HTTP/1.1, not "HTTP/2" (--raw sends anything)');
    assert.equal(usageError(['--raw', '-', '--url', '/', '--body', 'x']), '--raw sends the bytes as they are: it cannot be combined with --url, --body');
  });
});

describe('errorLine', () => {
  test('a known error is its message; anything else is marked unexpected; always one line', () => {
    assert.equal(errorLine(new ConnectRefusedError('127.0.0.1', 9, undefined)), 'wirecheck-client: cannot connect to 127.0.0.1:9: connection refused\n');
    assert.equal(errorLine(new CliError('a\nb')), 'wirecheck-client: a b\n');
    assert.equal(errorLine(new TypeError('oops')), 'wirecheck-client: unexpected error: oops\n');
  });
});

describe('assignmentRequestBytes', () => {
  const target = { host: '127.0.0.1', port: 8080 };

  test("GET: the assignment's request exactly (SPEC §1)", () => {
    const bytes = assignmentRequestBytes({ method: 'GET', url: '/', version: { major: 1, minor: 1 }, ...target });
    assert.equal(
      bytes.toString('latin1'),
      'GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: text/plain\r\n' + `User-Agent: ${CLIENT_NAME}\r\nConnection: keep-alive\r\n\r\n`,
    );
  });

  test('POST: the message as UTF-8, announced by its length in bytes', () => {
    const bytes = assignmentRequestBytes({ method: 'POST', url: '/', version: { major: 1, minor: 1 }, body: '안녕', ...target });
    const text = bytes.toString('utf8');
    assert.ok(text.endsWith('Connection: keep-alive\r\nContent-Length: 6\r\n\r\n안녕'), text);
  });

  test('extra fields replace defaults of the same name where they stand, others follow', () => {
    const bytes = assignmentRequestBytes({
      method: 'GET',
      url: '/',
      version: { major: 1, minor: 0 },
      extraHeaders: [
        ['X-Extra', '1'],
        ['connection', 'close'],
      ],
      ...target,
    });
    assert.equal(
      bytes.toString('latin1'),
      'GET / HTTP/1.0\r\nHost: 127.0.0.1:8080\r\nContent-Type: text/plain\r\n' + `User-Agent: ${CLIENT_NAME}\r\nconnection: close\r\nX-Extra: 1\r\n\r\n`,
    );
  });

  test('maybeHttpVersion', () => {
    assert.deepEqual(maybeHttpVersion('HTTP/1.1'), { major: 1, minor: 1 });
    assert.deepEqual(maybeHttpVersion('HTTP/2.0'), { major: 2, minor: 0 });
    for (const text of ['HTTP/1', 'http/1.1', 'HTTP/1.10', ' HTTP/1.1', '']) assert.equal(maybeHttpVersion(text), undefined, text);
  });
});
