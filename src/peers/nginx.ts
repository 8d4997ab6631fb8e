import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isMainModule, runServerCli } from './cli.js';
import type { ListenOptions, RunningServer } from './listen.js';

const TEMPLATE = fileURLToPath(new URL('./nginx/nginx.conf', import.meta.url));
const START_TIMEOUT_MS = 5_000;

/** The nginx binary, or undefined when Debian's `nginx` package is not installed. */
export function maybeNginxBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', 'nginx']) {
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

/**
 * Starts nginx in the foreground with the project's config in a temporary prefix. nginx needs a
 * fixed port, so port 0 is replaced by one the kernel hands out and releases just before.
 */
export async function startNginx(options: ListenOptions = {}): Promise<RunningServer> {
  const binary = maybeNginxBinary();
  if (binary === undefined) throw new Error('nginx is not installed (apt-get install nginx)');
  const host = '127.0.0.1';
  const port = options.port || (await freePort());
  const prefix = mkdtempSync(join(tmpdir(), 'wirecheck-nginx-'));
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, dir));
  const config = join(prefix, 'nginx.conf');
  writeFileSync(config, readFileSync(TEMPLATE, 'utf8').replaceAll('{{PORT}}', String(port)).replaceAll('{{PREFIX}}', prefix));
  const child = spawn(binary, ['-p', prefix, '-c', config, '-e', join(prefix, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  await waitUntilListening(host, port, () => child.exitCode !== null, () => stderr);
  return {
    host,
    port,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilListening(host: string, port: number, exited: () => boolean, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`nginx exited: ${stderr().trim()}`);
    if (await accepts(host, port)) return;
    await sleep(50);
  }
  throw new Error(`nginx did not listen on ${host}:${port} within ${START_TIMEOUT_MS} ms`);
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

if (isMainModule(import.meta.url)) await runServerCli('nginx-peer', startNginx);
