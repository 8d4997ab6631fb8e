import type { DeclaredCapabilities } from '../target/capabilities.js';
import { APPS_DIR, type ProgramPeer } from './program-peer.js';

/** A panel entry: a program, and what is known of it beforehand (the probe finds the rest). */
export interface PanelPeer extends ProgramPeer {
  readonly declared?: DeclaredCapabilities;
}

/** Debian's python3, where Debian's python3-waitress, -cheroot and -hypercorn are installed. */
const PYTHON = '/usr/bin/python3';

/**
 * The foreign servers the matrix can start by name (`npm run matrix -- apache lighttpd …`), each
 * a program installed from Debian, with its config under src/peers/configs/: static servers
 * serving a folder, and Python servers running src/peers/apps/hello.py. A missing program makes
 * its target "not run", with the install command as the reason. docs/peers.md describes each.
 */
export const PANEL: readonly PanelPeer[] = [
  {
    name: 'nginx',
    what: "nginx with the assignment's routes written as returns (no store behind them)",
    install: 'apt-get install nginx',
    probe: ['/usr/sbin/nginx', '-v'],
    configs: ['nginx.conf'],
    command: ({ dir }) => ['/usr/sbin/nginx', '-p', dir, '-c', `${dir}/nginx.conf`, '-e', `${dir}/error.log`, '-g', 'daemon off;'],
    stopSignal: 'SIGQUIT',
    // It answers GET / as the seed does, but keeps nothing: POST / cannot be listed back.
    declared: { store: false },
  },
  {
    name: 'nginx-static',
    what: 'nginx serving a folder',
    install: 'apt-get install nginx',
    probe: ['/usr/sbin/nginx', '-v'],
    configs: ['nginx-static.conf'],
    command: ({ dir }) => ['/usr/sbin/nginx', '-p', dir, '-c', `${dir}/nginx-static.conf`, '-e', `${dir}/error.log`, '-g', 'daemon off;'],
    stopSignal: 'SIGQUIT',
  },
  {
    name: 'apache',
    what: 'Apache httpd serving a folder',
    install: 'apt-get install apache2',
    probe: ['/usr/sbin/apache2', '-v'],
    configs: ['apache.conf'],
    command: ({ dir }) => ['/usr/sbin/apache2', '-f', `${dir}/apache.conf`, '-DFOREGROUND'],
    stopSignal: 'SIGWINCH',
  },
  {
    name: 'lighttpd',
    what: 'lighttpd serving a folder',
    install: 'apt-get install lighttpd',
    probe: ['/usr/sbin/lighttpd', '-v'],
    configs: ['lighttpd.conf'],
    command: ({ dir }) => ['/usr/sbin/lighttpd', '-D', '-f', `${dir}/lighttpd.conf`],
  },
  {
    name: 'caddy',
    what: 'Caddy serving a folder',
    install: 'apt-get install caddy',
    probe: ['/usr/bin/caddy', 'version'],
    command: ({ port, root }) => ['/usr/bin/caddy', 'file-server', '--listen', `127.0.0.1:${port}`, '--root', root],
    // Caddy keeps its state under the home folder: the peer's own folder.
    env: ({ dir }) => ({ HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir }),
  },
  {
    name: 'h2o',
    what: 'h2o serving a folder',
    install: 'apt-get install h2o',
    probe: ['/usr/bin/h2o', '-v'],
    configs: ['h2o.conf'],
    command: ({ dir }) => ['/usr/bin/h2o', '-c', `${dir}/h2o.conf`],
  },
  {
    name: 'python-http',
    what: "Python's http.server serving a folder",
    install: 'python3 (any)',
    probe: ['python3', '-c', 'import http.server'],
    command: ({ port, root }) => ['python3', '-m', 'http.server', '--bind', '127.0.0.1', '--directory', root, String(port)],
  },
  {
    name: 'waitress',
    what: 'Waitress (WSGI) running a hello-world application',
    install: 'apt-get install python3-waitress',
    probe: [PYTHON, '-c', 'import waitress'],
    command: ({ port }) => [PYTHON, `${APPS_DIR}hello.py`, 'waitress', String(port)],
  },
  {
    name: 'cheroot',
    what: 'Cheroot (WSGI) running a hello-world application',
    install: 'apt-get install python3-cheroot',
    probe: [PYTHON, '-c', 'import cheroot'],
    command: ({ port }) => [PYTHON, `${APPS_DIR}hello.py`, 'cheroot', String(port)],
  },
  {
    name: 'hypercorn',
    what: 'Hypercorn (ASGI) running a hello-world application',
    install: 'apt-get install python3-hypercorn',
    probe: [PYTHON, '-c', 'import hypercorn'],
    command: ({ port }) => [PYTHON, '-m', 'hypercorn', '--bind', `127.0.0.1:${port}`, 'hello:asgi'],
    env: () => ({ PYTHONPATH: APPS_DIR }),
  },
];

export function maybePanelPeer(name: string): PanelPeer | undefined {
  return PANEL.find((peer) => peer.name === name);
}
