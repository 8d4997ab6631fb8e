/**
 * The server's own cost per request, without sockets or the kernel: a ServerConnection over a
 * stand-in socket is fed requests as a socket would feed them, and the time per request is
 * printed. `npx tsx bench/hot-path.ts [--mode M] [--requests N]`. What `npm run bench` cannot
 * separate from node's stream layer and the loopback TCP work (over 80 % of the server's CPU
 * there), this isolates: parsing, routing, serializing and the write call, in this process.
 *
 * Modes: `repeat` (the same GET / head each time, one request per chunk, as a kept-alive client
 * sends it), `pipelined` (16 such requests per chunk), `postman` (a Postman-style GET / whose
 * Postman-Token is new on every request, so no head repeats), `listing` (GET / of a store of
 * 64 × 1 KiB messages, a 65 KiB response).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { ServerConnection } from '../src/server/connection.js';
import { HttpDateClock } from '../src/server/http-date-clock.js';
import { InputScheduler } from '../src/server/input-scheduler.js';
import { MessageStore } from '../src/server/message-store.js';
import { withDefaults } from '../src/server/options.js';
import { ResponseWriter } from '../src/server/response-writer.js';
import { Router } from '../src/server/routes.js';

const MODES = ['repeat', 'pipelined', 'postman', 'listing'] as const;
type Mode = (typeof MODES)[number];
const ROUNDS = 7;

/** What ServerConnection uses of a net.Socket: writes are counted and dropped. */
class StandInSocket extends EventEmitter {
  bytes = 0;
  writes = 0;
  readonly writableNeedDrain = false;
  readonly writableLength = 0;
  readonly destroyed = false;
  setNoDelay(): this {
    return this;
  }
  write(chunk: Buffer): boolean {
    this.bytes += chunk.length;
    this.writes++;
    return true;
  }
  cork(): void {}
  uncork(): void {}
  pause(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  end(): this {
    return this;
  }
  destroy(): this {
    return this;
  }
}

function chunks(mode: Mode, count: number): Buffer[] {
  const get = 'GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: keep-alive\r\n\r\n';
  switch (mode) {
    case 'repeat':
    case 'listing':
      return Array.from({ length: count }, () => Buffer.from(get, 'latin1'));
    case 'pipelined':
      return Array.from({ length: count / 16 }, () => Buffer.from(get.repeat(16), 'latin1'));
    case 'postman':
      return Array.from({ length: count }, (_, i) =>
        Buffer.from(
          'GET / HTTP/1.1\r\nUser-Agent: PostmanRuntime/7.29.0\r\nAccept: */*\r\nCache-Control: no-cache\r\n' +
            `Postman-Token: ${String(i).padStart(8, '0')}-1c2d-4e5f-8a9b-0c1d2e3f4a5b\r\nHost: 127.0.0.1:8080\r\n` +
            'Accept-Encoding: gzip, deflate, br\r\nConnection: keep-alive\r\n\r\n',
          'latin1',
        ),
      );
  }
}

function main(): void {
  const { values } = parseArgs({ options: { mode: { type: 'string', default: 'repeat' }, requests: { type: 'string', default: '200000' } } });
  const mode = values.mode as Mode;
  if (!MODES.includes(mode)) throw new Error(`--mode takes one of ${MODES.join(', ')}`);
  const requests = Math.ceil(Number(values.requests) / 16) * 16;
  const options = withDefaults({ quiet: true, idleTimeoutMs: 600_000, requestTimeoutMs: 600_000 });
  const store = new MessageStore(options.store);
  if (mode === 'listing') for (let i = 0; i < 64; i++) store.append(Buffer.alloc(1024, 0x61));
  const socket = new StandInSocket();
  new ServerConnection(socket as unknown as Socket, { options, router: new Router(store), clock: new HttpDateClock(), responses: new ResponseWriter(), scheduler: new InputScheduler(), logHead: undefined });
  // Fresh buffers, as each socket read is; made before the clock starts.
  const input = chunks(mode, requests);
  const times: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (const chunk of input) socket.emit('data', chunk);
    // Round 0 warms the JIT up and is not counted.
    if (round > 0) times.push(Number(process.hrtime.bigint() - started) / requests);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`${mode}: ${(median / 1000).toFixed(2)} µs per request (median of ${ROUNDS} rounds of ${requests}; fastest ${(times[0]! / 1000).toFixed(2)}), ${(socket.bytes / socket.writes).toFixed(0)} bytes per write`);
}

main();
