import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './listen.js';

const START_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;
const CONFIGS = fileURLToPath(new URL('./configs/', import.meta.url));
/** Where the Python peers' application lives (src/peers/apps/hello.py). */
export const APPS_DIR = fileURLToPath(new URL('./apps/', import.meta.url));
/** What a static server of the panel serves from its folder. */
const INDEX = 'hello from a folder\n';

/** Where a starting peer lives: its port, its own temporary folder, and the folder it serves. */
export interface PeerPlace {
  readonly port: number;
  readonly dir: string;
  readonly root: string;
}

/** A foreign server run as a program of its own: the panel's entries (src/peers/panel.ts). */
export interface ProgramPeer {
  readonly name: string;
  /** What it is, for the matrix's header: `Apache httpd serving a folder`. */
  readonly what: string;
  /** What to install when it is missing: `apt-get install apache2`. */
  readonly install: string;
  /** The command that says whether it is installed (exit 0), e.g. the program's version flag. */
  readonly probe: readonly string[];
  /** Config templates under src/peers/configs/, written into the peer's folder with {{PORT}}, {{DIR}}, {{ROOT}}, {{USER}} filled. */
  readonly configs?: readonly string[];
  readonly command: (place: PeerPlace) => readonly string[];
  readonly env?: (place: PeerPlace) => NodeJS.ProcessEnv;
  /** How it stops gracefully (nginx: SIGQUIT). */
  readonly stopSignal?: NodeJS.Signals;
}

/** True when the peer's program is on this machine. */
export function isInstalled(peer: ProgramPeer): boolean {
  const [file, ...args] = peer.probe;
  return spawnSync(file!, args, { stdio: 'ignore' }).status === 0;
}

/**
 * Starts a peer on 127.0.0.1 in a temporary folder of its own, with a folder to serve holding an
 * index.html. Most programs need a fixed port, so port 0 is replaced by one the kernel hands out
 * and releases just before.
 */
export async function startProgramPeer(peer: ProgramPeer, port = 0): Promise<RunningServer> {
  const host = '127.0.0.1';
  const dir = mkdtempSync(join(tmpdir(), `wirecheck-${peer.name}-`));
  const root = join(dir, 'root');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), INDEX);
  // Servers started as root serve from worker processes of another user (nginx's nobody): they must read the folder.
  chmodSync(dir, 0o755);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  const place = { port: port || (await freePort()), dir, root };
  for (const name of peer.configs ?? []) writeFileSync(join(dir, name), fill(readFileSync(join(CONFIGS, name), 'utf8'), place));
  const [file, ...args] = peer.command(place);
  const child = spawn(file!, args, { cwd: dir, env: { ...process.env, ...peer.env?.(place) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(peer.stopSignal ?? 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilListening(host, place.port, () => child.exitCode !== null, () => `${peer.name} exited: ${stderr.trim().split('\n')[0] ?? ''}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, port: place.port, close: stop };
}

function fill(template: string, place: PeerPlace): string {
  return template.replaceAll('{{PORT}}', String(place.port)).replaceAll('{{DIR}}', place.dir).replaceAll('{{ROOT}}', place.root).replaceAll('{{USER}}', userInfo().username);
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

async function waitUntilListening(host: string, port: number, exited: () => boolean, why: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(why());
    if (await accepts(host, port)) return;
    await sleep(50);
  }
  throw new Error(`it did not listen on ${host}:${port} within ${START_TIMEOUT_MS} ms`);
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
