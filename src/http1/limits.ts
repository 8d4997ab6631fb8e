/** Size limits a parser enforces; each breach is a ProtocolError with its own status. */
export interface Limits {
  /** Longest request line or status line, CRLF excluded (414 for requests). */
  readonly maxStartLineBytes: number;
  /** Largest header section, start line excluded (431). */
  readonly maxHeaderBytes: number;
  /** Most header fields (431). */
  readonly maxHeaderCount: number;
  /** Largest body, after chunked decoding (413). */
  readonly maxBodyBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxStartLineBytes: 8 * 1024,
  maxHeaderBytes: 16 * 1024,
  maxHeaderCount: 100,
  maxBodyBytes: 1024 * 1024,
};

/**
 * `limits` over `defaults`, one by one. A limit given as undefined keeps its default: a missing
 * setting must never switch a check off.
 */
export function resolveLimits(limits: Partial<Limits> | undefined, defaults: Limits = DEFAULT_LIMITS): Limits {
  return {
    maxStartLineBytes: limits?.maxStartLineBytes ?? defaults.maxStartLineBytes,
    maxHeaderBytes: limits?.maxHeaderBytes ?? defaults.maxHeaderBytes,
    maxHeaderCount: limits?.maxHeaderCount ?? defaults.maxHeaderCount,
    maxBodyBytes: limits?.maxBodyBytes ?? defaults.maxBodyBytes,
  };
}
