/** The four loads of issue 6, each a recipe for the load worker. */
import type { LoadSpec } from './load-spec.js';

export type LoadId = 'get-keepalive' | 'get-keepalive-raw' | 'get-new-connection' | 'post-get-mix' | 'get-pipelined';

export interface LoadSettings {
  readonly host: string;
  readonly port: number;
  readonly connections: number;
  readonly durationS: number;
}

export interface LoadDefinition {
  readonly id: LoadId;
  readonly title: string;
  /** One sentence on what the load does, for the report. */
  readonly description: string;
  /** The store is emptied before and after each run of this load. */
  readonly clearsStore: boolean;
  spec(settings: LoadSettings): LoadSpec;
}

/** Size of each POST body in the mix. */
export const MIX_BODY_BYTES = 1024;

export const LOADS: readonly LoadDefinition[] = [
  {
    id: 'get-keepalive',
    title: 'GET / kept alive',
    description: 'autocannon, N kept-alive connections, one request in flight on each, `GET /` on an empty store.',
    clearsStore: true,
    spec: ({ host, port, connections, durationS }) => ({
      kind: 'autocannon', host, port, connections, pipelining: 1, durationS, cycle: [{ method: 'GET', path: '/' }],
    }),
  },
  {
    id: 'get-keepalive-raw',
    title: 'GET / kept alive, raw generator',
    description:
      'the raw keep-alive generator (bench/keepalive-load.ts), N kept-alive connections, one `GET /` in flight on each, on an empty store: load a with a generator that needs about 9 µs of CPU per response against autocannon\'s 15, so that the server, not the generator, is the limit.',
    clearsStore: true,
    spec: ({ host, port, connections, durationS }) => ({ kind: 'keep-alive', host, port, connections, durationS }),
  },
  {
    id: 'get-new-connection',
    title: 'GET / new connection each',
    description:
      "the raw-socket generator (bench/new-connection-load.ts), N concurrent loops of connect → `GET /` with `Connection: close` → response → server's close; latency includes the TCP handshake.",
    clearsStore: true,
    spec: ({ host, port, connections, durationS }) => ({ kind: 'new-connection', host, port, concurrency: connections, durationS }),
  },
  {
    id: 'post-get-mix',
    title: 'POST/GET mix, 1 KiB bodies',
    description: `autocannon, N kept-alive connections, each repeating POST / (${MIX_BODY_BYTES}-byte text body) → GET / → POST / → GET / → DELETE /, so the store (and so the GET listing) stays small and the same for both servers.`,
    clearsStore: true,
    spec: ({ host, port, connections, durationS }) => {
      const post = { method: 'POST', path: '/', bodyBytes: MIX_BODY_BYTES } as const;
      const get = { method: 'GET', path: '/' } as const;
      return { kind: 'autocannon', host, port, connections, pipelining: 1, durationS, cycle: [post, get, post, get, { method: 'DELETE', path: '/' }] };
    },
  },
  {
    id: 'get-pipelined',
    title: 'GET / pipelined ×16',
    description: "autocannon with `pipelining: 16`, N kept-alive connections with 16 `GET /` in flight on each (the first 16 go out back to back; then one more as each response comes in).",
    clearsStore: true,
    spec: ({ host, port, connections, durationS }) => ({
      kind: 'autocannon', host, port, connections, pipelining: 16, durationS, cycle: [{ method: 'GET', path: '/' }],
    }),
  },
];

export const LOAD_IDS: readonly LoadId[] = LOADS.map((load) => load.id);

export function isLoadId(text: string): text is LoadId {
  return (LOAD_IDS as readonly string[]).includes(text);
}
