/**
 * A deliberately wrong server, for showing that the harness catches a wrong answer from an
 * otherwise well-behaved HTTP/1.1 server: framing (Content-Length, keep-alive, pipelining) and
 * SPEC §1's routes are right, except that PUT, and every other method it does not serve, gets
 * `200 OK` with `HTTP {METHOD} Method (Success)\n\n` instead of 405.
 */
import { STATUS_CODES } from 'node:http';
import { createServer } from 'node:net';
import { isMainModule, runServerCli } from '../../src/peers/cli.js';
import { listen, type ListenOptions, type RunningServer } from '../../src/peers/listen.js';
import { seedBody } from '../../src/peers/seed-body.js';
import { MAX_BODY_BYTES, MAX_HEAD_BYTES, maybeHeader, readRequestHead, type HeaderField } from './request-head.js';

// Origin-form `/` with an optional query, or absolute-form `http://host[:port]/` (SPEC §2.2).
const ROOT_TARGET = /^(?:http:\/\/[^/?#\s]+)?\/(?:\?\S*)?$/i;

export async function startWrongServer(options: ListenOptions = {}): Promise<RunningServer> {
  const store: Buffer[] = [];

  function answer(method: string, target: string, message: Buffer): [status: number, body: Buffer] {
    const isRoot = ROOT_TARGET.test(target);
    switch (method) {
      case 'GET':
      case 'HEAD':
        return isRoot ? [200, seedBody('GET', 'Success', store)] : [404, seedBody('GET', 'Failed')];
      case 'POST':
        if (!isRoot) return [404, seedBody('POST', 'Failed')];
        if (message.length === 0) return [400, seedBody('POST', 'Failed')];
        store.push(message);
        return [201, seedBody('POST', 'Success', [message])];
      case 'DELETE':
        store.length = 0;
        return [200, seedBody('DELETE', 'Success')];
      default:
        return [200, seedBody(method, 'Success')]; // THE BUG: SPEC §1 case 6 says 405
    }
  }

  const server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let closing = false;
    socket.on('error', () => socket.destroy()); // a client that resets is its own problem

    function fail(status: number): void {
      closing = true;
      socket.end(response(status, Buffer.alloc(0), { keepAlive: false, omitBody: false }));
    }

    socket.on('data', (chunk) => {
      if (closing) return;
      buffer = Buffer.concat([buffer, chunk]);
      // Answer every complete request in the buffer, in order: that is all pipelining asks.
      for (;;) {
        const head = readRequestHead(buffer);
        if (head.kind === 'incomplete') return buffer.length > MAX_HEAD_BYTES ? fail(431) : undefined;
        if (head.kind === 'malformed') return fail(400);
        if (maybeHeader(head.headers, 'transfer-encoding') !== undefined) return fail(501); // no chunked bodies here
        const length = head.contentLength ?? 0;
        if (length > MAX_BODY_BYTES) return fail(413);
        const bodyEnd = head.bodyStart + length;
        if (buffer.length < bodyEnd) return;

        const [status, body] = answer(head.method, head.target, buffer.subarray(head.bodyStart, bodyEnd));
        buffer = buffer.subarray(bodyEnd);
        const keepAlive = wantsKeepAlive(head.version, head.headers);
        socket.write(response(status, body, { keepAlive, omitBody: head.method === 'HEAD' }));
        if (!keepAlive) {
          closing = true;
          return void socket.end();
        }
      }
    });
  });
  return listen(server, options);
}

/** HTTP/1.1 persists unless told `close`; HTTP/1.0 closes unless told `keep-alive` (RFC 9112 §9.3). */
function wantsKeepAlive(version: string, headers: readonly HeaderField[]): boolean {
  const tokens = (maybeHeader(headers, 'connection') ?? '').toLowerCase().split(',').map((token) => token.trim());
  if (tokens.includes('close')) return false;
  return version === 'HTTP/1.0' ? tokens.includes('keep-alive') : true;
}

function response(status: number, body: Buffer, how: { keepAlive: boolean; omitBody: boolean }): Buffer {
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Server: wrong-server',
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${body.length}`,
    `Connection: ${how.keepAlive ? 'keep-alive' : 'close'}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), how.omitBody ? Buffer.alloc(0) : body]);
}

if (isMainModule(import.meta.url)) await runServerCli('wrong-server', startWrongServer);
