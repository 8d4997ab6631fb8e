import type { Readable, Writable } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { capturePackets, writeCapture } from '../capture/capture-file.js';
import { assignmentRequestBytes } from './assignment-request.js';
import { UsageError } from '../cli/arguments.js';
import type { OneShotCommand, RequestSource } from './cli-options.js';
import { isClientError } from './errors.js';
import { exchange } from './exchange.js';
import { maybeRequestMethod } from './request-method.js';
import type { Transcript } from './transcript.js';

export interface OneShotStreams {
  readonly stdin: Readable;
  readonly stdout: Writable;
}

/**
 * Sends one request and writes the raw response to stdout, exactly. A failed read still writes
 * what did arrive, then rejects, so the caller can say why on stderr.
 */
export async function runOneShot(command: OneShotCommand, streams: OneShotStreams): Promise<void> {
  const bytes = await requestBytes(command, streams.stdin);
  const method = command.request.kind === 'built' ? command.request.method : (command.request.method ?? maybeRequestMethod(bytes));
  let transcript: Transcript | undefined;
  try {
    // The close is not reported here, so it is not awaited either.
    const result = await exchange({ ...command.target, ...command.send, bytes, method, timeoutMs: command.timeoutMs, closeWaitMs: 0 });
    transcript = result.transcript;
    await writeAll(streams.stdout, result.response.raw);
  } catch (error) {
    if (isClientError(error)) transcript = error.transcript;
    if (isClientError(error) && error.received.length > 0) await writeAll(streams.stdout, error.received);
    throw error;
  } finally {
    if (command.pcapFile !== undefined) writeCapture(command.pcapFile, capturePackets(transcript === undefined ? [] : [transcript]));
  }
}

/** The bytes a one-shot command sends: a file, stdin, or the assignment's request built from flags. */
export async function requestBytes(command: OneShotCommand, stdin: Readable): Promise<Buffer> {
  const request: RequestSource = command.request;
  if (request.kind === 'raw') return request.path === '-' ? readAll(stdin) : readRequestFile(request.path);
  const { method, url, version, body, headers } = request;
  return assignmentRequestBytes({ method, url, version, body, extraHeaders: headers, ...command.target });
}

async function readRequestFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${FILE_ERROR_WORDS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message}`);
  }
}

const FILE_ERROR_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

function writeAll(stream: Writable, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => stream.write(bytes, (error) => (error ? reject(error) : resolve())));
}
