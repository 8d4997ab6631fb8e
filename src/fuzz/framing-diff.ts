import type { BundledFraming, FramedRequest, FramingEnding, StreamFraming } from './framing.js';

/** What one parser made of the request where two framings part: it framed it whole, or its stream ended in or before it. */
export type Outcome = { readonly kind: 'accepts' } | FramingEnding;

/** The first place where two framings of one stream part; everything after it follows from it. */
export interface FramingDifference {
  /** The request (0-based) where they part: the one framed differently, or the one only one of them read. */
  readonly request: number;
  /** The stream offset where that request began, as the bundled parser read the stream. */
  readonly start: number | undefined;
  /** A request both framed, read differently: its part that differs; undefined when the outcomes differ. */
  readonly field: 'method' | 'target' | 'version' | 'headers' | 'body' | 'keep-alive' | undefined;
  readonly bundled: Outcome;
  readonly llhttp: Outcome;
  /** The request as the bundled parser read its head, when it did. */
  readonly bundledRequest: FramedRequest | undefined;
  readonly llhttpRequest: FramedRequest | undefined;
}

const ACCEPTS: Outcome = { kind: 'accepts' };

/** An outcome in a word or two: the parser's own error code for a refusal. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'accepts':
      return 'accepts';
    case 'idle':
      return 'reads no request';
    case 'partial':
      return 'waits for more';
    case 'error':
      return `refuses (${outcome.code})`;
    case 'handover':
      return `hands over (${outcome.via})`;
  }
}

/**
 * The key two differences of the same kind share, free of numbers and colons so that the
 * minimizer can compare it (failureSignature): the part that differs, or the two outcomes.
 */
export function differenceKey(difference: FramingDifference): string {
  if (difference.field !== undefined) return `${difference.field} differs`;
  return `bundled ${describeOutcome(difference.bundled)}, llhttp ${describeOutcome(difference.llhttp)}`;
}

const sameHeaders = (a: FramedRequest['headers'], b: FramedRequest['headers']): boolean =>
  a.length === b.length && a.every(([name, value], i) => name === b[i]![0] && value === b[i]![1]);

function headField(a: FramedRequest, b: FramedRequest): FramingDifference['field'] {
  if (a.method !== b.method) return 'method';
  if (a.target !== b.target) return 'target';
  if (a.version !== b.version) return 'version';
  if (!sameHeaders(a.headers, b.headers)) return 'headers';
  return undefined;
}

/**
 * The first difference between the bundled parser's framing and llhttp's, or undefined when
 * they agree. Two refusals of one request agree whatever their codes or statuses, and whether
 * or not the head was surfaced before the refusal: that is not framing.
 */
export function compareFraming(bundled: BundledFraming, llhttp: StreamFraming): FramingDifference | undefined {
  const count = Math.max(bundled.requests.length, llhttp.requests.length);
  for (let i = 0; i <= count; i++) {
    const a = bundled.requests[i];
    const b = llhttp.requests[i];
    const outcomeA = a?.body === undefined ? bundled.ending : ACCEPTS;
    const outcomeB = b?.body === undefined ? llhttp.ending : ACCEPTS;
    const at = (field: FramingDifference['field'], bundledOutcome: Outcome, llhttpOutcome: Outcome): FramingDifference => ({
      request: i,
      start: bundled.starts[i],
      field,
      bundled: bundledOutcome,
      llhttp: llhttpOutcome,
      bundledRequest: a,
      llhttpRequest: b,
    });
    if (a !== undefined && b !== undefined) {
      const field = headField(a, b);
      if (field !== undefined) return at(field, ACCEPTS, ACCEPTS);
      if (llhttp.ending.kind === 'handover' && i === llhttp.requests.length - 1) {
        // What follows a head that hands the connection over is not HTTP/1.1 to llhttp: they agree only if nothing follows.
        const nothingFollows = a.body?.length === 0 && bundled.requests.length === i + 1 && bundled.ending.kind === 'idle';
        return nothingFollows ? undefined : at(undefined, outcomeA, llhttp.ending);
      }
    }
    if (outcomeA.kind !== 'accepts' || outcomeB.kind !== 'accepts') return outcomeA.kind === outcomeB.kind ? undefined : at(undefined, outcomeA, outcomeB);
    if (!a!.body!.equals(b!.body!)) return at('body', ACCEPTS, ACCEPTS);
    if (a!.keepAlive !== b!.keepAlive) return at('keep-alive', ACCEPTS, ACCEPTS);
  }
  return undefined;
}
