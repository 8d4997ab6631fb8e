import { connect, type Socket } from 'node:net';
import { ConnectFailedError, ConnectRefusedError, ConnectTimeoutError } from './errors.js';

/** Opens a TCP connection, or rejects with a ClientError that says why in one line. */
export function connectSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConnectTimeoutError(host, port, timeoutMs));
    }, timeoutMs);
    const onError = (error: NodeJS.ErrnoException): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(error.code === 'ECONNREFUSED' ? new ConnectRefusedError(host, port, error) : new ConnectFailedError(host, port, error));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
