import type { ClientTls } from '../client/index.js';
import type { TargetPaths } from '../fixture/placeholders.js';
import type { ServerSettings } from './server-settings.js';

/** The server a conformance run talks to. */
export interface TargetServer {
  readonly host: string;
  readonly port: number;
  /** True when it is the bundled reference server started by the suite itself. */
  readonly bundled: boolean;
  /** What the target has that some scenarios need (src/target/capabilities.ts). */
  readonly capabilities: Capabilities;
}

/** What a scenario may need of a target beyond HTTP/1.1 itself; without it, the scenario is n/a. */
export interface Capabilities {
  /** The assignment's message store behind `GET /`, `POST /` and `DELETE` (SPEC §1). */
  readonly store: boolean;
  /** The paths it serves GET on, takes a body on, returns the body on. */
  readonly paths: TargetPaths;
  /** Its echo path returns the request's field lines too, as `name: value` (docs/behaviour.md: the echo). */
  readonly echoesFields: boolean;
  /** Its timeouts and limits as the user declared them; the bundled server's are its own to set. */
  readonly settings: ServerSettings;
  /** How every connection to it is made, when it speaks HTTPS: over TLS, with these settings. */
  readonly tls?: ClientTls;
}

/** The bundled server has everything the suite can ask for; the suite starts it with its echo on `/echo` (docs/behaviour.md). */
export const BUNDLED_CAPABILITIES = { store: true, paths: { get: '/', body: '/', echo: '/echo' }, echoesFields: true, settings: {} } as const satisfies Capabilities;
