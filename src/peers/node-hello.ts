import { createServer } from 'node:http';
import { isMainModule, runServerCli } from './cli.js';
import { listen, type ListenOptions, type RunningServer } from './listen.js';

/** node:http's hello world: `hello world` on every path and method, nothing else of the assignment's. */
export function startNodeHello(options: ListenOptions = {}): Promise<RunningServer> {
  return listen(
    createServer((_request, response) => response.end('hello world\n')),
    options,
  );
}

if (isMainModule(import.meta.url)) await runServerCli('node-hello', startNodeHello);
