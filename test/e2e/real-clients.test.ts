/**
 * Real HTTP clients against the reference server: curl, Node's fetch (undici) and Python's
 * http.client. Each talks through a small TCP proxy that counts the connections it accepts,
 * so "the requests shared one kept-alive connection" is a number, not a guess.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { withProxy } from './counting-proxy.js';
import { withServer } from './socket-helpers.js';

const TEST_MS = 20_000;
const KOREAN = '안녕하세요';
const run = promisify(execFile);

/** Whether `command` can be run at all (ENOENT when it is not installed). */
async function isInstalled(command: string): Promise<boolean> {
  try {
    await run(command, ['--version'], { timeout: 5_000 });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

describe('real clients reuse one kept-alive connection', { timeout: TEST_MS }, () => {
  test('curl -v with several URLs on one command line', async (t) => {
    if (!(await isInstalled('curl'))) {
      t.skip('curl not installed');
      return;
    }
    await withServer({}, (server) =>
      withProxy(server.port, async (proxy) => {
        const { stdout, stderr } = await run('curl', ['-sv', '--data-binary', KOREAN, proxy.url, '--next', '-sv', proxy.url, proxy.url], {
          encoding: 'utf8',
          timeout: 10_000,
        });
        t.diagnostic(`curl -sv --data-binary ${KOREAN} URL --next -sv URL URL → ${proxy.accepted} connection(s)`);
        assert.equal(stdout, `HTTP POST Method (Success)\n\n${KOREAN}` + `HTTP GET Method (Success)\n\n${KOREAN}`.repeat(2));
        assert.equal(stderr.match(/Re-using existing connection #0/g)?.length, 2, stderr);
        assert.doesNotMatch(stderr, /Connection #1\b/);
        assert.equal(proxy.accepted, 1, 'one TCP connection for three requests');
      }),
    );
  });

  test("Node's fetch: 20 sequential requests on one connection", async () => {
    // undici frees a connection one turn of the event loop after the body is read: a fetch issued
    // in that same turn finds it busy and opens another. A sequential client yields that turn.
    const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    await withServer({}, (server) =>
      withProxy(server.port, async (proxy) => {
        const posted = await fetch(proxy.url, { method: 'POST', body: KOREAN, headers: { 'Content-Type': 'text/plain' } });
        assert.equal(posted.status, 201);
        assert.equal(await posted.text(), `HTTP POST Method (Success)\n\n${KOREAN}`);
        for (let i = 0; i < 17; i++) {
          await nextTurn();
          const response = await fetch(proxy.url);
          assert.equal(response.status, 200);
          assert.equal(response.headers.get('connection'), 'keep-alive');
          assert.equal(await response.text(), `HTTP GET Method (Success)\n\n${KOREAN}`);
        }
        await nextTurn();
        const missing = await fetch(new URL('/wrong/', proxy.url));
        assert.equal(missing.status, 404);
        assert.equal(await missing.text(), 'HTTP GET Method (Failed)\n\n');
        // Last, because undici sends HEAD with Connection: close (in case a server wrongly sends a body).
        await nextTurn();
        const head = await fetch(proxy.url, { method: 'HEAD' });
        assert.equal(head.status, 200);
        assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(`HTTP GET Method (Success)\n\n${KOREAN}`)));
        assert.equal(await head.text(), '');
        assert.equal(proxy.accepted, 1, 'one TCP connection for 20 requests');
      }),
    );
  });

  test("Python's http.client: POST, HEAD, GET, DELETE on one HTTPConnection", async (t) => {
    if (!(await isInstalled('python3'))) {
      t.skip('python3 not installed');
      return;
    }
    const script = [
      'import http.client, json, sys',
      "c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=5)",
      'out = []',
      "for method, body in (('POST', sys.argv[2].encode('utf-8')), ('HEAD', None), ('GET', None), ('DELETE', None)):",
      "    c.request(method, '/', body=body, headers={'Content-Type': 'text/plain'})",
      '    r = c.getresponse()',
      "    out.append([method, r.status, r.getheader('Connection'), r.read().decode('utf-8')])",
      'c.close()',
      'print(json.dumps(out))',
    ].join('\n');
    await withServer({}, (server) =>
      withProxy(server.port, async (proxy) => {
        const { stdout } = await run('python3', ['-c', script, String(proxy.port), KOREAN], { encoding: 'utf8', timeout: 10_000 });
        t.diagnostic(`python3 http.client → ${stdout.trim()} over ${proxy.accepted} connection(s)`);
        assert.deepEqual(JSON.parse(stdout), [
          ['POST', 201, 'keep-alive', `HTTP POST Method (Success)\n\n${KOREAN}`],
          ['HEAD', 200, 'keep-alive', ''],
          ['GET', 200, 'keep-alive', `HTTP GET Method (Success)\n\n${KOREAN}`],
          ['DELETE', 200, 'keep-alive', 'HTTP DELETE Method (Success)\n\n'],
        ]);
        assert.equal(server.store.size, 0);
        assert.equal(proxy.accepted, 1, 'one TCP connection for four requests');
      }),
    );
  });

  test('the proxy does count: a client that closes after each request is seen as many connections', async () => {
    await withServer({}, (server) =>
      withProxy(server.port, async (proxy) => {
        for (let i = 0; i < 3; i++) {
          const response = await fetch(proxy.url, { headers: { Connection: 'close' } });
          assert.equal(response.headers.get('connection'), 'close');
          await response.text();
        }
        assert.equal(proxy.accepted, 3);
      }),
    );
  });
});
