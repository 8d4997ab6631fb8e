/** The server's command line: every flag, HOST and PORT from the environment, bad values; and option defaults. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UsageError } from '../../src/cli/arguments.js';
import { parseServerArgs, USAGE } from '../../src/server/cli-options.js';
import { DEFAULT_OPTIONS, withDefaults } from '../../src/server/options.js';

const NO_ENV: NodeJS.ProcessEnv = {};

describe('parseServerArgs', () => {
  test('no flags and no environment: nothing set, so every default applies', () => {
    const args = parseServerArgs([], NO_ENV);
    assert.deepEqual(args, { limits: {}, store: {}, help: false });
    const { help: _help, ...input } = args;
    assert.deepEqual(withDefaults(input), DEFAULT_OPTIONS);
  });

  test('--host and --port', () => {
    const args = parseServerArgs(['--host', '0.0.0.0', '--port', '9090'], NO_ENV);
    assert.equal(args.host, '0.0.0.0');
    assert.equal(args.port, 9090);
  });

  test('--port=N form and port 0 (pick a free port)', () => {
    assert.equal(parseServerArgs(['--port=0'], NO_ENV).port, 0);
    assert.equal(parseServerArgs(['--port=65535'], NO_ENV).port, 65535);
  });

  test('--quiet, --help and -h', () => {
    assert.equal(parseServerArgs(['--quiet'], NO_ENV).quiet, true);
    assert.equal(parseServerArgs([], NO_ENV).quiet, undefined);
    assert.equal(parseServerArgs(['--help'], NO_ENV).help, true);
    assert.equal(parseServerArgs(['-h'], NO_ENV).help, true);
  });

  const numeric: Array<[flag: string, value: number, pick: (a: ReturnType<typeof parseServerArgs>) => number | undefined]> = [
    ['--request-timeout', 1500, (a) => a.requestTimeoutMs],
    ['--idle-timeout', 2500, (a) => a.idleTimeoutMs],
    ['--write-timeout', 4500, (a) => a.writeTimeoutMs],
    ['--shutdown-timeout', 3500, (a) => a.shutdownTimeoutMs],
    ['--max-connections', 7, (a) => a.maxConnections],
    ['--max-connections-per-client', 5, (a) => a.maxConnectionsPerClient],
    ['--max-request-line', 1024, (a) => a.limits?.maxStartLineBytes],
    ['--max-header-bytes', 2048, (a) => a.limits?.maxHeaderBytes],
    ['--max-headers', 12, (a) => a.limits?.maxHeaderCount],
    ['--max-body', 4096, (a) => a.limits?.maxBodyBytes],
    ['--max-messages', 3, (a) => a.store?.maxMessages],
    ['--max-store-bytes', 65536, (a) => a.store?.maxBytes],
  ];
  for (const [flag, value, pick] of numeric) {
    test(`${flag} ${value} lands in its own option and nowhere else`, () => {
      const args = parseServerArgs([flag, String(value)], NO_ENV);
      assert.equal(pick(args), value);
      const others = numeric.filter(([other]) => other !== flag).map(([, , pickOther]) => pickOther(args));
      assert.deepEqual(others, others.map(() => undefined));
    });
  }

  test('all flags at once reach withDefaults, limits and store merged field by field', () => {
    const argv = ['--host', '::1', '--port', '1234', '--quiet', ...numeric.flatMap(([flag, value]) => [flag, String(value)])];
    const { help, ...input } = parseServerArgs(argv, NO_ENV);
    assert.equal(help, false);
    assert.deepEqual(withDefaults(input), {
      host: '::1',
      port: 1234,
      quiet: true,
      requestTimeoutMs: 1500,
      idleTimeoutMs: 2500,
      writeTimeoutMs: 4500,
      shutdownTimeoutMs: 3500,
      maxConnections: 7,
      maxConnectionsPerClient: 5,
      limits: { maxStartLineBytes: 1024, maxHeaderBytes: 2048, maxHeaderCount: 12, maxBodyBytes: 4096 },
      store: { maxMessages: 3, maxBytes: 65536 },
    });
  });

  test('the smallest accepted values', () => {
    const args = parseServerArgs(['--shutdown-timeout', '0', '--max-body', '0', '--max-messages', '0', '--max-request-line', '16', '--request-timeout', '1'], NO_ENV);
    assert.equal(args.shutdownTimeoutMs, 0);
    assert.equal(args.limits?.maxBodyBytes, 0);
    assert.equal(args.store?.maxMessages, 0);
    assert.equal(args.limits?.maxStartLineBytes, 16);
    assert.equal(args.requestTimeoutMs, 1);
  });

  test('HOST and PORT from the environment are the defaults', () => {
    const args = parseServerArgs([], { HOST: '0.0.0.0', PORT: '8181' });
    assert.equal(args.host, '0.0.0.0');
    assert.equal(args.port, 8181);
  });

  test('an empty host, from --host or HOST, is a usage error: every interface must be asked for by address', () => {
    for (const [argv, env] of [[['--host', ''], NO_ENV], [['--host='], NO_ENV], [[], { HOST: '' }]] as const) {
      assert.throws(
        () => parseServerArgs([...argv], env),
        (error: unknown) => error instanceof UsageError && /--host \(or HOST\) is empty/.test(error.message) && !error.message.includes('\n'),
      );
    }
    assert.equal(parseServerArgs(['--host', '::'], NO_ENV).host, '::');
  });

  test('flags win over HOST and PORT', () => {
    const args = parseServerArgs(['--host', '127.0.0.1', '--port', '0'], { HOST: '0.0.0.0', PORT: '8181' });
    assert.equal(args.host, '127.0.0.1');
    assert.equal(args.port, 0);
  });

  test('--echo-path, or ECHO_PATH from the environment; the flag wins; off when neither is given', () => {
    assert.equal(parseServerArgs(['--echo-path', '/echo'], NO_ENV).echoPath, '/echo');
    assert.equal(parseServerArgs(['--echo-path=/a/b'], NO_ENV).echoPath, '/a/b');
    assert.equal(parseServerArgs([], { ECHO_PATH: '/env' }).echoPath, '/env');
    assert.equal(parseServerArgs(['--echo-path', '/flag'], { ECHO_PATH: '/env' }).echoPath, '/flag');
    assert.equal(parseServerArgs([], NO_ENV).echoPath, undefined);
    assert.equal(withDefaults({}).echoPath, undefined);
  });

  for (const path of ['/', '', 'echo', '/echo?x=1', '/echo#top', '/ec ho', '/\u00e9']) {
    test(`--echo-path ${JSON.stringify(path)} is refused: a path other than /, without query or fragment`, () => {
      assert.throws(() => parseServerArgs(['--echo-path', path], NO_ENV), /--echo-path/);
      assert.throws(() => parseServerArgs([], { ECHO_PATH: path }), UsageError);
    });
  }

  test('a bad PORT in the environment is a usage error too', () => {
    assert.throws(() => parseServerArgs([], { PORT: 'eighty' }), UsageError);
    assert.throws(() => parseServerArgs([], { PORT: '70000' }), UsageError);
  });

  const bad: Array<[string, string[]]> = [
    ['an unknown flag', ['--bogus']],
    ['an unknown short flag', ['-x']],
    ['a positional argument', ['8080']],
    ['a missing value', ['--port']],
    ['a value that starts with a dash', ['--max-body', '-5']],
    ['a flag where a value should be', ['--port', '--quiet']],
    ['a value given to --quiet', ['--quiet=yes']],
    ['a port that is not a number', ['--port', 'abc']],
    ['a negative port', ['--port=-1']],
    ['a port above 65535', ['--port', '65536']],
    ['a fractional number', ['--request-timeout', '1.5']],
    ['an exponent', ['--max-body', '1e3']],
    ['hexadecimal', ['--max-body', '0x10']],
    ['surrounding whitespace', ['--port', ' 80']],
    ['an empty value', ['--idle-timeout', '']],
    ['a request timeout of 0', ['--request-timeout', '0']],
    ['an idle timeout of 0', ['--idle-timeout', '0']],
    ['no connections at all', ['--max-connections', '0']],
    ['no connections per client', ['--max-connections-per-client', '0']],
    ['a request line limit below 16', ['--max-request-line', '15']],
    ['a header-bytes limit below 16', ['--max-header-bytes', '8']],
    ['no header fields at all', ['--max-headers', '0']],
    ['a number past 2^53', ['--max-store-bytes', '99999999999999999999']],
  ];
  for (const [what, argv] of bad) {
    test(`${what} (${argv.join(' ')}) is a UsageError with a one-line message`, () => {
      assert.throws(
        () => parseServerArgs(argv, NO_ENV),
        (error: unknown) => error instanceof UsageError && error.message.length > 0 && !error.message.includes('\n'),
      );
    });
  }

  test('a bad value names its flag and the value given', () => {
    assert.throws(() => parseServerArgs(['--max-headers', 'many'], NO_ENV), /--max-headers .*"many"/);
  });

  test('USAGE names every flag', () => {
    for (const flag of ['--host', '--port', '--quiet', '--data', '--echo-path', ...numeric.map(([f]) => f)]) assert.ok(USAGE.includes(flag), flag);
  });
});

describe('withDefaults', () => {
  test('a limit given alone keeps the other limits at their defaults', () => {
    const options = withDefaults({ limits: { maxBodyBytes: 10 }, store: { maxMessages: 2 } });
    assert.deepEqual(options.limits, { ...DEFAULT_OPTIONS.limits, maxBodyBytes: 10 });
    assert.deepEqual(options.store, { ...DEFAULT_OPTIONS.store, maxMessages: 2 });
  });

  test('the defaults are those of SPEC §2.3–2.4', () => {
    assert.equal(DEFAULT_OPTIONS.requestTimeoutMs, 10_000);
    assert.equal(DEFAULT_OPTIONS.idleTimeoutMs, 5_000);
    assert.equal(DEFAULT_OPTIONS.writeTimeoutMs, 5_000);
    assert.equal(DEFAULT_OPTIONS.maxConnections, 1024);
    assert.equal(DEFAULT_OPTIONS.maxConnectionsPerClient, 64);
    assert.deepEqual(DEFAULT_OPTIONS.limits, { maxStartLineBytes: 8192, maxHeaderBytes: 16384, maxHeaderCount: 100, maxBodyBytes: 1048576 });
    assert.deepEqual(DEFAULT_OPTIONS.store, { maxMessages: 10_000, maxBytes: 16 * 1024 * 1024 });
  });
});
