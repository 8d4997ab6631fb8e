/**
 * A peer written the ordinary node:http way, with SPEC §1 and §2.2's routes and bodies. It is
 * the baseline for benchmarks and a foreign target for the conformance suite: where it differs
 * from the SPEC, that is how a typical node:http app behaves (see docs/peers.md).
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { isMainModule, runServerCli } from './cli.js';
import { listen, type ListenOptions, type RunningServer } from './listen.js';
import { seedBody } from './seed-body.js';

// SPEC §2.4's defaults, so that no client can make the peer's memory grow without bound.
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_MESSAGES = 10_000;
const MAX_STORE_BYTES = 16 * 1024 * 1024;

export async function startNodeHttpPeer(options: ListenOptions = {}): Promise<RunningServer> {
  const store: Buffer[] = [];
  let storedBytes = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? '';
    const isRoot = new URL(req.url ?? '', 'http://peer.invalid').pathname === '/';
    switch (method) {
      case 'GET':
      case 'HEAD':
        return isRoot ? send(res, 200, seedBody('GET', 'Success', store)) : send(res, 404, seedBody('GET', 'Failed'));
      case 'POST': {
        if (!isRoot) return send(res, 404, seedBody('POST', 'Failed'));
        const message = await readBody(req);
        if (message === undefined) return send(res, 413, seedBody('POST', 'Failed'), { Connection: 'close' });
        if (message.length === 0) return send(res, 400, seedBody('POST', 'Failed'));
        if (store.length >= MAX_MESSAGES || storedBytes + message.length > MAX_STORE_BYTES) {
          return send(res, 507, seedBody('POST', 'Failed'));
        }
        store.push(message);
        storedBytes += message.length;
        return send(res, 201, seedBody('POST', 'Success', [message]));
      }
      case 'DELETE':
        store.length = 0;
        storedBytes = 0;
        return send(res, 200, seedBody('DELETE', 'Success'));
      default:
        return send(res, 405, seedBody(method, 'Failed'), { Allow: 'GET, HEAD, POST, DELETE' });
    }
  }

  // node:http keeps HTTP/1.1 connections alive by default; 5 s idle is SPEC §2.3's default too.
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  return listen(server, options);
}

/** The whole request body, or undefined once it passes MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: Buffer, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    Server: 'node-http-peer',
    ...headers,
  });
  // HEAD gets GET's headers, Content-Length included, and no body.
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

if (isMainModule(import.meta.url)) await runServerCli('node-http-peer', startNodeHttpPeer);
