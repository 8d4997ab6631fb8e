/** The server a request is sent to; its parts fill the `{host}`, `{port}` and `{authority}` placeholders. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

/** Every placeholder a fixture may use. `{body-length}` exists only for structured requests. */
export const PLACEHOLDER_NAMES = ['host', 'port', 'authority', 'body-length'] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

const PLACEHOLDER = /\{(host|port|authority|body-length)\}/g;

export function isPlaceholderName(name: string): name is PlaceholderName {
  return (PLACEHOLDER_NAMES as readonly string[]).includes(name);
}

/** `host:port`, with an IPv6 literal in brackets (RFC 9110 §7.2). */
export function authorityOf(server: ServerAddress): string {
  const host = server.host.includes(':') && !server.host.startsWith('[') ? `[${server.host}]` : server.host;
  return `${host}:${server.port}`;
}

/** The value of each placeholder for this server; `{body-length}` only when a body length is given. */
export function placeholderValues(server: ServerAddress, bodyLength?: number): ReadonlyMap<PlaceholderName, string> {
  const values = new Map<PlaceholderName, string>([
    ['host', server.host],
    ['port', String(server.port)],
    ['authority', authorityOf(server)],
  ]);
  if (bodyLength !== undefined) values.set('body-length', String(bodyLength));
  return values;
}

/** `text` with each known placeholder that has a value replaced; other braces are left alone. */
export function fillPlaceholders(text: string, values: ReadonlyMap<PlaceholderName, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: PlaceholderName) => values.get(name) ?? whole);
}
