/**
 * Captures on disk. A conformance run's Cucumber workers each write one file per scenario into
 * a folder the runner names (WIRECHECK_PCAP_DIR); when Cucumber has exited the runner merges
 * them into the one file asked for, every packet in time order, and removes the folder.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Transcript } from '../client/transcript.js';
import { LINKTYPE_RAW, pcapngBlocks, readPcapng, type CapturedPacket } from './pcapng.js';
import { tcpConversation } from './tcp-stream.js';

/** The folder a run's scenarios write their captures into; set by the runner for Cucumber's workers. */
export const CAPTURE_DIR_VARIABLE = 'WIRECHECK_PCAP_DIR';
const APPLICATION = 'wirecheck';
const SCENARIO_FILE = /\.pcapng$/;

export interface CaptureSummary {
  /** Scenario captures merged: one per scenario that connected, one per attempt of a retried one. */
  readonly scenarios: number;
  readonly packets: number;
}

/** The connections' packets, in time order; each connection's SYN names it with `comment`. */
export function capturePackets(transcripts: readonly Transcript[], comment?: string): CapturedPacket[] {
  const packets = transcripts.flatMap((transcript) => tcpConversation(transcript, comment === undefined ? {} : { comment }));
  return byTime(packets);
}

/** Writes the packets as a pcapng file, block by block, making its folder when missing. */
export function writeCapture(file: string, packets: readonly CapturedPacket[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    for (const block of pcapngBlocks({ linkType: LINKTYPE_RAW, packets }, APPLICATION)) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
}

/** A scenario's connections, written into the run's capture folder when there is one (`env`). */
export function captureScenario(name: string, transcripts: readonly Transcript[], env: NodeJS.ProcessEnv = process.env): void {
  const folder = env[CAPTURE_DIR_VARIABLE];
  if (folder === undefined || folder === '' || transcripts.length === 0) return;
  writeCapture(join(folder, `${randomUUID()}.pcapng`), capturePackets(transcripts, `scenario: ${name}`));
}

/** A new, empty folder for a run's scenario captures. */
export function makeCaptureFolder(): string {
  return mkdtempSync(join(tmpdir(), 'wirecheck-pcap-'));
}

/** Merges every scenario capture in `folder` into `file`, in time order, then removes the folder. */
export function mergeCaptures(folder: string, file: string): CaptureSummary {
  try {
    const captures = readdirSync(folder)
      .filter((name) => SCENARIO_FILE.test(name))
      .sort()
      .map((name) => readPcapng(readFileSync(join(folder, name))).packets);
    const packets = byTime(captures.flat());
    writeCapture(file, packets);
    return { scenarios: captures.length, packets: packets.length };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Stable, and a connection's times never go back: its packets keep their order. */
function byTime(packets: readonly CapturedPacket[]): CapturedPacket[] {
  return [...packets].sort((a, b) => a.timestampUs - b.timestampUs);
}
