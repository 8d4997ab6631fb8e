/** The scriptable raw-socket client: exact bytes out, framed responses in, everything in a transcript. */
export type { ClientTls } from './connect-socket.js';
export {
  Connection,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_READ_TIMEOUT_MS,
  type CloseObservation,
  type OpenOptions,
  type ReadOptions,
  type SendOptions,
  type SendPart,
} from './connection.js';
export {
  ClientError,
  ClosedBeforeResponseError,
  ConnectFailedError,
  ConnectRefusedError,
  ConnectTimeoutError,
  isClientError,
  MalformedResponseError,
  ReadTimeoutError,
  SendFailedError,
  TlsFailedError,
  type ClientErrorCode,
} from './errors.js';
export { exchange, type ExchangeOptions, type ExchangeResult } from './exchange.js';
export type { ReceivedResponse, ResponseTimings } from './received-response.js';
export type { ReceivedChunk } from './received-stream.js';
export { maybeRequestMethod } from './request-method.js';
export { receivedBytes, sentBytes, type ConnectedEndpoints, type ConnectionClose, type SentFragment, type Transcript, type TranscriptError } from './transcript.js';
