/** The four loads of issue 6, each a recipe for wrk or for the Node load worker. */
import type { CycleRequest, LoadSpec, WrkSpec } from './load-spec.js';

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
  /** With Node generators: autocannon or a raw one, in the load worker. */
  spec(settings: LoadSettings): LoadSpec;
  /** With wrk, and what that does; absent for a load that exists only for want of wrk (a′). */
  readonly wrk?: { readonly description: string; spec(settings: LoadSettings, wrk: string): WrkSpec };
}

const GET: CycleRequest = { method: 'GET', path: '/' };

function wrkSpec(settings: LoadSettings, wrk: string, cycle: readonly CycleRequest[], pipelining = 1, connectionClose = false): WrkSpec {
  return { kind: 'wrk', wrk, ...settings, cycle, pipelining, connectionClose };
}

/** Size of each POST body in the mix. */
export const MIX_BODY_BYTES = 1024;

const MIX_POST: CycleRequest = { method: 'POST', path: '/', bodyBytes: MIX_BODY_BYTES };
const MIX_CYCLE: readonly CycleRequest[] = [MIX_POST, GET, MIX_POST, GET, { method: 'DELETE', path: '/' }];

export const LOADS: readonly LoadDefinition[] = [
  {
    id: 'get-keepalive',
    title: 'GET / kept alive',
    description: 'autocannon, N kept-alive connections, one request in flight on each, `GET /` on an empty store.',
    clearsStore: true,
    spec: ({ host, port, connections, durationS }) => ({
      kind: 'autocannon', host, port, connections, pipelining: 1, durationS, cycle: [GET],
    }),
    wrk: {
      description: 'wrk, one thread, N kept-alive connections, one request in flight on each, `GET /` on an empty store.',
      spec: (settings, wrk) => wrkSpec(settings, wrk, [GET]),
    },
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
    wrk: {
      description:
        "wrk, one thread, N connections each sending one `GET /` with `Connection: close`; once the response is in, wrk closes and connects again. wrk's latency runs from the request's write to the response, without the handshake.",
      spec: (settings, wrk) => wrkSpec(settings, wrk, [GET], 1, true),
    },
  },
  {
    id: 'post-get-mix',
    title: 'POST/GET mix, 1 KiB bodies',
    description: `autocannon, N kept-alive connections, each repeating POST / (${MIX_BODY_BYTES}-byte text body) → GET / → POST / → GET / → DELETE /, so the store (and so the GET listing) stays small and the same for both servers.`,
    clearsStore: true,
    spec: ({ host, port, connections, durationS }) => {
      return { kind: 'autocannon', host, port, connections, pipelining: 1, durationS, cycle: MIX_CYCLE };
    },
    wrk: {
      description: `wrk, one thread, N kept-alive connections, the thread handing out POST / (${MIX_BODY_BYTES}-byte text body) → GET / → POST / → GET / → DELETE / in turn to whichever connection is ready, so the store stays small and the same for both servers.`,
      spec: (settings, wrk) => wrkSpec(settings, wrk, MIX_CYCLE),
    },
  },
  {
    id: 'get-pipelined',
    title: 'GET / pipelined ×16',
    description: "autocannon with `pipelining: 16`, N kept-alive connections with 16 `GET /` in flight on each (the first 16 go out back to back; then one more as each response comes in).",
    clearsStore: true,
    spec: ({ host, port, connections, durationS }) => ({
      kind: 'autocannon', host, port, connections, pipelining: 16, durationS, cycle: [GET],
    }),
    wrk: {
      description: 'wrk, one thread, N kept-alive connections, each writing 16 `GET /` at once and the next 16 once all 16 responses are in (latency is per batch of 16).',
      spec: (settings, wrk) => wrkSpec(settings, wrk, [GET], 16),
    },
  },
];

export const LOAD_IDS: readonly LoadId[] = LOADS.map((load) => load.id);

export function isLoadId(text: string): text is LoadId {
  return (LOAD_IDS as readonly string[]).includes(text);
}

/** The spec of a load for the generator chosen: wrk where the load has a wrk form and wrk is given. */
export function specFor(load: LoadDefinition, settings: LoadSettings, wrk: string | undefined): LoadSpec {
  return wrk !== undefined && load.wrk !== undefined ? load.wrk.spec(settings, wrk) : load.spec(settings);
}
