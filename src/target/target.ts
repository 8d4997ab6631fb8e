/** The server a conformance run talks to. */
export interface TargetServer {
  readonly host: string;
  readonly port: number;
  /** True when it is the bundled reference server started by the suite itself. */
  readonly bundled: boolean;
}
