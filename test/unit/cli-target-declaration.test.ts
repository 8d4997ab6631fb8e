import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UsageError } from '../../src/cli/arguments.js';
import { declareTarget, readTargetFile } from '../../src/cli/target-declaration.js';

function targetFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wirecheck-target-')), 'target.yaml');
  writeFileSync(path, text);
  return path;
}

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail('no usage error');
}

describe('a target declaration', () => {
  test('flags win over the environment, which wins over the target file', () => {
    const file = readTargetFile(targetFile('host: 10.0.0.1\nport: 80\nget-path: /index.html\nbody-path: /form\nstore: false\nidle-timeout: 3000\n'));
    const { target, declared } = declareTarget({ 'body-path': '/submit' }, { PORT: '8080' }, file);
    assert.deepEqual(target, { host: '10.0.0.1', port: 8080 });
    assert.deepEqual(declared, { store: false, paths: { get: '/index.html', body: '/submit' }, settings: { idleTimeoutMs: 3000 } });
  });

  test('nothing declared is nothing: the run probes', () => {
    assert.deepEqual(declareTarget({}, {}), { target: undefined, declared: { settings: {} } });
  });

  test("a port alone names 127.0.0.1, a host alone port 8080: the client's defaults, where npm start listens", () => {
    assert.deepEqual(declareTarget({}, { PORT: '9000' }).target, { host: '127.0.0.1', port: 9000 });
    assert.deepEqual(declareTarget({ port: '9001' }, {}).target, { host: '127.0.0.1', port: 9001 });
    assert.deepEqual(declareTarget({ host: 'h' }, {}).target, { host: 'h', port: 8080 });
    assert.deepEqual(declareTarget({}, {}, new Map([['port', '9002']])).target, { host: '127.0.0.1', port: 9002 });
  });

  test('an empty environment variable counts as not given', () => {
    assert.deepEqual(declareTarget({}, { HOST: '', PORT: '', ECHO_PATH: '' }).target, undefined);
  });

  test('each bad value is one line naming where it came from', () => {
    assert.equal(usageError(() => declareTarget({}, { HOST: 'h', PORT: '0' })), 'PORT must be a whole number from 1 to 65535, got "0"');
    assert.equal(usageError(() => declareTarget({}, { STORE: 'maybe' })), 'STORE must be yes or no, got "maybe"');
    assert.equal(usageError(() => declareTarget({ 'echo-path': 'echo' }, {})), '--echo-path must be a path starting with / and of visible ASCII, got "echo"');
    assert.equal(usageError(() => declareTarget({}, {}, new Map([['get-path', '/a b']]))), 'the target file\'s get-path must be a path starting with / and of visible ASCII, got "/a b"');
  });

  test('TLS from a flag, the environment or the file, with insecure and servername only alongside it', () => {
    const address = { host: '127.0.0.1', port: 8443 };
    assert.deepEqual(declareTarget({ tls: 'yes', insecure: 'yes' }, { HOST: '127.0.0.1', PORT: '8443' }).target, { ...address, tls: { insecure: true } });
    assert.deepEqual(declareTarget({}, { HOST: '127.0.0.1', PORT: '8443', TLS: 'yes', SERVERNAME: 'localhost' }).target, { ...address, tls: { servername: 'localhost' } });
    const file = readTargetFile(targetFile('host: 127.0.0.1\nport: 8443\ntls: true\ninsecure: false\n'));
    assert.deepEqual(declareTarget({}, {}, file).target, { ...address, tls: {} });
    assert.deepEqual(declareTarget({}, { TLS: 'no' }, file).target, address);
    assert.equal(usageError(() => declareTarget({}, { HOST: 'h', PORT: '1', INSECURE: 'yes' })), 'INSECURE is for a TLS target: add --tls (TLS=yes, or tls: true in the target file)');
    assert.equal(usageError(() => declareTarget({ servername: 'localhost' }, { HOST: 'h', PORT: '1' })), '--servername is for a TLS target: add --tls (TLS=yes, or tls: true in the target file)');
    assert.equal(usageError(() => declareTarget({}, { TLS: 'on' })), 'TLS must be yes or no, got "on"');
    assert.match(usageError(() => declareTarget({ tls: 'yes' }, {})), /^--tls is for a foreign target: give its host and port too/);
  });

  test('a target file with an unknown key, a list, or no file at all is refused in one line', () => {
    assert.match(usageError(() => readTargetFile(targetFile('hots: x\n'))), /unknown key "hots" \(known: host, port, get-path/);
    assert.match(usageError(() => readTargetFile(targetFile('- a\n'))), /a target file is a map of host, port/);
    assert.match(usageError(() => readTargetFile('/nonexistent/target.yaml')), /cannot read the target file \/nonexistent\/target.yaml: ENOENT/);
  });
});
