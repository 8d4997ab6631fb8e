import type { AddressInfo, Server, Socket } from 'node:net';

export interface ListenOptions {
  /** Defaults to 127.0.0.1: these servers are for tests and benchmarks on this machine only. */
  host?: string;
  /** Defaults to 0, an ephemeral port. */
  port?: number;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** Stops listening and drops open connections, so a kept-alive client cannot hold it open. */
  close(): Promise<void>;
}

/** Starts `server` (a node:net or node:http server) listening, and hands back how to reach and stop it. */
export async function listen(server: Server, options: ListenOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    host,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
