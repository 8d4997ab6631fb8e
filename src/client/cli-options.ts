import { parseFlags, UsageError } from '../cli/arguments.js';
import type { HeaderField, HttpVersion } from '../http1/index.js';
import { maybeHttpVersion } from './assignment-request.js';
import type { ClientTls } from './connect-socket.js';
import type { SendOptions } from './connection.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
export const DEFAULT_TIMEOUT_MS = 10_000;

export const USAGE = `Usage:
  npm run client                           prompt for requests (METHOD, URL, HTTP VERSION, MESSAGE)
  npm run client -- [request flags]        send one request, print the raw response

Target (both modes; the host from --host, else HOST, else ${DEFAULT_HOST}; the port from --port, else PORT,
else ${DEFAULT_PORT}; npm run conformance reads them alike):
  --host HOST  --port PORT  --timeout MS (connect and read, each; default ${DEFAULT_TIMEOUT_MS})
  --pcap FILE           also write the connections to FILE, a pcapng capture for Wireshark
  --tls                 over TLS (ALPN http/1.1); what is sent, printed and captured is the decrypted bytes
  --insecure            with --tls: accept any certificate (self-signed, another name, expired)
  --servername NAME     with --tls: the name sent (SNI) and checked in the certificate (default: the host)

Request flags (any of them selects one-shot mode):
  --method METHOD       default GET
  --url TARGET          default /
  --version HTTP/x.y    default HTTP/1.1
  --body TEXT           sent as UTF-8 with a Content-Length
  --header 'Name: value'  repeatable; replaces a default field of the same name, else is added
  --fragment N          write the request N bytes at a time
  --delay MS            pause between fragments
  --raw FILE|-          send the file's (or stdin's) bytes verbatim instead of building a request;
                        --method then only says how to frame the response (default: the first word)
`;

/** Where requests go. */
export interface Target {
  readonly host: string;
  readonly port: number;
  readonly tls?: ClientTls;
}

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'interactive'; readonly target: Target; readonly timeoutMs: number; readonly pcapFile?: string }
  | OneShotCommand;

export interface OneShotCommand {
  readonly kind: 'one-shot';
  readonly target: Target;
  readonly timeoutMs: number;
  /** Where the connection is also written as a pcapng capture. */
  readonly pcapFile?: string;
  readonly request: RequestSource;
  readonly send: SendOptions;
}

/** The request of a one-shot run: bytes from a file or stdin (`-`), or built from the flags. */
export type RequestSource =
  | { readonly kind: 'raw'; readonly path: string; readonly method: string | undefined }
  | {
      readonly kind: 'built';
      readonly method: string;
      readonly url: string;
      readonly version: HttpVersion;
      readonly body: string | undefined;
      readonly headers: HeaderField[];
    };

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  timeout: { type: 'string' },
  pcap: { type: 'string' },
  tls: { type: 'boolean' },
  insecure: { type: 'boolean' },
  servername: { type: 'string' },
  method: { type: 'string' },
  url: { type: 'string' },
  version: { type: 'string' },
  body: { type: 'string' },
  header: { type: 'string', multiple: true },
  fragment: { type: 'string' },
  delay: { type: 'string' },
  raw: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseFlags<typeof OPTIONS>>['values'];

const REQUEST_FLAGS = ['method', 'url', 'version', 'body', 'header', 'fragment', 'delay', 'raw'] as const;
const BUILD_ONLY_FLAGS = ['url', 'version', 'body', 'header'] as const;

/** Reads the command line; `env` supplies HOST and PORT. Throws UsageError with a one-line message. */
export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliCommand {
  const { values, help } = parseFlags(argv, OPTIONS);
  if (help) return { kind: 'help' };
  const tls = tlsOptions(values);
  const target: Target = {
    host: values.host ?? maybeNonEmpty(env['HOST']) ?? DEFAULT_HOST,
    port: values.port !== undefined ? parsePort('--port', values.port) : parsePort('PORT', maybeNonEmpty(env['PORT']) ?? String(DEFAULT_PORT)),
    ...(tls === undefined ? {} : { tls }),
  };
  const timeoutMs = values.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseInteger('--timeout', values.timeout, 1);
  const capture = values.pcap === undefined ? {} : { pcapFile: values.pcap };
  if (!REQUEST_FLAGS.some((flag) => values[flag] !== undefined)) return { kind: 'interactive', target, timeoutMs, ...capture };
  return { kind: 'one-shot', target, timeoutMs, ...capture, request: requestSource(values), send: sendOptions(values) };
}

function tlsOptions(values: Values): ClientTls | undefined {
  if (values.tls !== true) {
    const stray = (['insecure', 'servername'] as const).find((flag) => values[flag] !== undefined);
    if (stray !== undefined) throw new UsageError(`--${stray} is for a TLS connection: add --tls`);
    return undefined;
  }
  if (values.servername === '') throw new UsageError('--servername needs a name');
  return { ...(values.insecure === true ? { insecure: true } : {}), ...(values.servername === undefined ? {} : { servername: values.servername }) };
}

function requestSource(values: Values): RequestSource {
  if (values.raw !== undefined) {
    const conflicting = BUILD_ONLY_FLAGS.filter((flag) => values[flag] !== undefined);
    if (conflicting.length > 0) throw new UsageError(`--raw sends the bytes as they are: it cannot be combined with --${conflicting.join(', --')}`);
    return { kind: 'raw', path: values.raw, method: values.method };
  }
  return {
    kind: 'built',
    method: values.method ?? 'GET',
    url: values.url ?? '/',
    version: parseVersion(values.version ?? 'HTTP/1.1'),
    body: values.body,
    headers: (values.header ?? []).map(parseHeader),
  };
}

function sendOptions(values: Values): SendOptions {
  return {
    fragmentSize: values.fragment === undefined ? undefined : parseInteger('--fragment', values.fragment, 1),
    delayMs: values.delay === undefined ? undefined : parseInteger('--delay', values.delay, 0),
  };
}

function parseVersion(text: string): HttpVersion {
  const version = maybeHttpVersion(text);
  if (version === undefined) throw new UsageError(`--version must look like HTTP/1.1, not ${JSON.stringify(text)} (--raw sends anything)`);
  return version;
}

/** `Name: value`, the value's surrounding whitespace dropped as a server would (RFC 9112 §5). */
function parseHeader(text: string): HeaderField {
  const colon = text.indexOf(':');
  const name = text.slice(0, colon).trim();
  if (colon < 1 || name === '') throw new UsageError(`--header must look like 'Name: value', not ${JSON.stringify(text)}`);
  return [name, text.slice(colon + 1).trim()];
}

function parsePort(source: string, text: string): number {
  const port = maybeInteger(text);
  if (port === undefined || port < 1 || port > 65_535) throw new UsageError(`${source} must be a port number from 1 to 65535, not ${JSON.stringify(text)}`);
  return port;
}

function parseInteger(flag: string, text: string, min: number): number {
  const value = maybeInteger(text);
  if (value === undefined || value < min) throw new UsageError(`${flag} must be an integer of at least ${min}, not ${JSON.stringify(text)}`);
  return value;
}

function maybeInteger(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

function maybeNonEmpty(text: string | undefined): string | undefined {
  return text === '' ? undefined : text;
}
