import { reasonPhrase, type ProtocolError } from '../http1/index.js';
import type { OutgoingResponse } from './response-writer.js';

/**
 * The one place where a protocol error becomes a response. The connection closes after it:
 * once framing is in doubt, nothing else on the connection can be trusted (RFC 9112 §9.6).
 * The body names the rule that was broken, for the human reading the transcript.
 */
export function errorResponse(error: ProtocolError): OutgoingResponse {
  const body = Buffer.from(`${error.status} ${reasonPhrase(error.status)}: ${error.message}\n`, 'latin1');
  return { status: error.status, body, keepAlive: false };
}
