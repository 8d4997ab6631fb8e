import { connect } from 'node:net';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/** What one connection saw: every byte the server sent, and how the connection ended. */
export interface SessionResult {
  readonly received: Buffer;
  /** The server ended the connection (FIN or reset) before the deadline. */
  readonly closed: boolean;
  /** The server sent FIN before the client did. */
  readonly closedByServer: boolean;
  /** The socket error, e.g. ECONNRESET or ECONNREFUSED, if there was one. */
  readonly error: string | undefined;
  /** How many of the writes were made before the server closed. */
  readonly writesMade: number;
}

export interface SessionPlan {
  readonly host: string;
  readonly port: number;
  /** The bytes, in the writes they are sent as. */
  readonly writes: readonly Buffer[];
  /** Pause between writes: 0 waits one event-loop turn, so each write is read on its own. */
  readonly gapMs: number;
  /** Half-close after the last write. */
  readonly halfClose: boolean;
  /** Give up (and destroy the socket) this long after connecting. */
  readonly deadlineMs: number;
}

/**
 * Opens a connection, sends the writes one by one, and reads until the server closes or the
 * deadline passes. Every wait is bounded; the socket is always destroyed before this resolves.
 */
export function runSession(plan: SessionPlan): Promise<SessionResult> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    let closedByServer = false;
    let clientEnded = false;
    let error: string | undefined;
    let writesMade = 0;
    let settled = false;
    const socket = connect({ host: plan.host, port: plan.port });
    socket.setNoDelay(true);

    const finish = (closed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.destroy();
      resolve({ received: Buffer.concat(received), closed, closedByServer, error, writesMade });
    };
    const deadline = setTimeout(() => finish(false), plan.deadlineMs);

    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('end', () => {
      if (!clientEnded) closedByServer = true;
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', () => finish(true));
    socket.once('connect', async () => {
      for (const bytes of plan.writes) {
        if (settled || closedByServer || socket.destroyed) return;
        socket.write(bytes);
        writesMade++;
        await (plan.gapMs > 0 ? sleep(plan.gapMs) : nextTurn());
      }
      if (plan.halfClose && !settled && !socket.destroyed && !closedByServer) {
        clientEnded = true;
        socket.end();
      }
    });
  });
}
