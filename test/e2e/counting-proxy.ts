import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';

/** Forwards every accepted connection to `targetPort`, byte for byte, and counts them. */
export class CountingProxy {
  accepted = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static start(targetPort: number): Promise<CountingProxy> {
    const server = createServer();
    const proxy = new CountingProxy(server);
    server.on('connection', (client) => {
      proxy.accepted++;
      const upstream = connect({ host: '127.0.0.1', port: targetPort });
      for (const socket of [client, upstream]) {
        proxy.sockets.add(socket);
        socket.on('close', () => proxy.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(proxy));
    });
  }

  get port(): number {
    const address = this.server.address();
    assert.ok(typeof address === 'object' && address !== null);
    return address.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export async function withProxy<T>(targetPort: number, body: (proxy: CountingProxy) => Promise<T>): Promise<T> {
  const proxy = await CountingProxy.start(targetPort);
  try {
    return await body(proxy);
  } finally {
    await proxy.close();
  }
}
