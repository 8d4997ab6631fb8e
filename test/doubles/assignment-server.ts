/**
 * A double of the assignment's own socket server, the one the `@seed` profile must pass against:
 * it reads one request, answers it, and closes. It sends no Content-Length (the response ends at
 * the close), a Date in Korean local time, and bodies with their trailing newlines trimmed.
 */
import { STATUS_CODES } from 'node:http';
import { createServer } from 'node:net';
import { isMainModule, runServerCli } from '../../src/peers/cli.js';
import { listen, type ListenOptions, type RunningServer } from '../../src/peers/listen.js';
import { seedBody } from '../../src/peers/seed-body.js';
import { MAX_BODY_BYTES, MAX_HEAD_BYTES, readRequestHead } from './request-head.js';

export async function startAssignmentServer(options: ListenOptions = {}): Promise<RunningServer> {
  const store: Buffer[] = [];

  function answer(method: string, target: string, message: Buffer): [status: number, body: Buffer] {
    // The assignment compared the path with '/' and nothing else: no query, no absolute form.
    const isRoot = target === '/';
    switch (method) {
      case 'GET':
        return isRoot ? [200, seedBody('GET', 'Success', store)] : [404, seedBody('GET', 'Failed')];
      case 'POST':
        if (!isRoot) return [404, seedBody('POST', 'Failed')];
        store.push(message);
        return [201, seedBody('POST', 'Success', [message])];
      case 'DELETE':
        store.length = 0;
        return [200, seedBody('DELETE', 'Success')];
      default:
        return [405, seedBody(method, 'Failed')];
    }
  }

  const server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let answered = false;
    socket.on('error', () => socket.destroy()); // a client that resets is its own problem
    socket.on('data', (chunk) => {
      if (answered) return; // one request per connection; the rest is ignored
      buffer = Buffer.concat([buffer, chunk]);
      const head = readRequestHead(buffer);
      if (head.kind === 'incomplete') {
        if (buffer.length > MAX_HEAD_BYTES) socket.destroy();
        return;
      }
      // The assignment's client sent no Content-Length: then the body is whatever came with the
      // head, as one recv() would have seen it. With a Content-Length, wait for all of it.
      if (head.kind === 'head' && (head.contentLength ?? 0) > MAX_BODY_BYTES) return void socket.destroy();
      if (head.kind === 'head' && buffer.length - head.bodyStart < (head.contentLength ?? 0)) return;
      answered = true;
      if (head.kind === 'malformed') {
        socket.end(response(400, Buffer.alloc(0)));
        return;
      }
      const body = buffer.subarray(head.bodyStart, head.bodyStart + (head.contentLength ?? buffer.length));
      const [status, responseBody] = answer(head.method, head.target, body);
      socket.end(response(status, responseBody));
    });
  });
  return listen(server, options);
}

function response(status: number, body: Buffer): Buffer {
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Server: assignment-server',
    `Date: ${koreanDate(new Date())}`,
    'Content-Type: text/plain',
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), trimTrailingNewlines(body)]);
}

/** `Wed, 25 Nov 2026 13:00:00 KST`: the assignment printed local time in Korea, UTC+9 all year. */
function koreanDate(now: Date): string {
  return new Date(now.getTime() + 9 * 3600_000).toUTCString().replace('GMT', 'KST');
}

function trimTrailingNewlines(body: Buffer): Buffer {
  let end = body.length;
  while (end > 0 && (body[end - 1] === 0x0a || body[end - 1] === 0x0d)) end--;
  return body.subarray(0, end);
}

if (isMainModule(import.meta.url)) await runServerCli('assignment-server', startAssignmentServer);
