import { announcesClose } from '../http1/index.js';
import type { Target } from './cli-options.js';
import { Connection } from './connection.js';
import type { ReceivedResponse } from './received-response.js';
import type { Transcript } from './transcript.js';

/**
 * One kept-alive connection used request after request, as the assignment's client did; a new
 * one is opened when the server has closed it or said it would.
 */
export class ReusableConnection {
  private connection: Connection | undefined;
  private readonly opened: Connection[] = [];

  constructor(
    private readonly target: Target,
    private readonly timeoutMs: number,
  ) {}

  /** Sends `bytes` and reads the response to them; `method` frames it. */
  async request(bytes: Buffer, method: string): Promise<ReceivedResponse> {
    const connection = await this.openConnection();
    try {
      await connection.send(bytes);
      const received = await connection.readResponse({ method, timeoutMs: this.timeoutMs });
      // A client must not send more on a connection the server said it will close (RFC 9112 §9.6).
      if (announcesClose(received.response)) await this.close();
      return received;
    } catch (error) {
      // After a failure the connection's state is unknown: the next request starts afresh.
      await this.close();
      throw error;
    }
  }

  /** The transcript of every connection opened, in order. */
  get transcripts(): Transcript[] {
    return this.opened.map((connection) => connection.transcript);
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  private async openConnection(): Promise<Connection> {
    if (this.connection?.isClosed === false) return this.connection;
    await this.close();
    this.connection = await Connection.open({ ...this.target, connectTimeoutMs: this.timeoutMs });
    this.opened.push(this.connection);
    return this.connection;
  }
}
