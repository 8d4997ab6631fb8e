import { connect, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { ConnectFailedError, ConnectRefusedError, ConnectTimeoutError, TlsFailedError } from './errors.js';

/** A connection over TLS: whom to name in SNI and check the certificate against, and whether to check it at all. */
export interface ClientTls {
  /** The server name sent (SNI) and verified; by default the host, when it is a name and not an address. */
  readonly servername?: string;
  /** Accept any certificate: a self-signed one, one for another name, an expired one. */
  readonly insecure?: boolean;
}

/** The only protocol offered (ALPN, RFC 7301): the suite and the client speak HTTP/1.1 and nothing else. */
const ALPN_PROTOCOLS = ['http/1.1'];

/**
 * Opens a TCP connection, and a TLS session over it when `tls` is given, or rejects with a
 * ClientError that says why in one line. `timeoutMs` bounds the connect and the handshake together.
 */
export function connectSocket(host: string, port: number, timeoutMs: number, tls?: ClientTls): Promise<Socket> {
  return new Promise((resolve, reject) => {
    // node:tls sends no SNI unless told, as a browser would for a name (RFC 6066 §3 forbids one for an address).
    const servername = tls?.servername ?? (isIP(host) === 0 ? host : undefined);
    const socket = tls === undefined ? connect({ host, port }) : connectTls({ host, port, ALPNProtocols: ALPN_PROTOCOLS, rejectUnauthorized: tls.insecure !== true, ...(servername === undefined ? {} : { servername }) });
    // Past the TCP connect, an error is the handshake's.
    let connected = false;
    socket.once('connect', () => (connected = true));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConnectTimeoutError(host, port, timeoutMs));
    }, timeoutMs);
    const onError = (error: NodeJS.ErrnoException): void => {
      clearTimeout(timer);
      socket.destroy();
      if (connected) reject(new TlsFailedError(host, port, error));
      else reject(error.code === 'ECONNREFUSED' ? new ConnectRefusedError(host, port, error) : new ConnectFailedError(host, port, error));
    };
    socket.once('error', onError);
    socket.once(tls === undefined ? 'connect' : 'secureConnect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
