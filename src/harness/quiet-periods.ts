// How long the harness listens for what a server should not do. On loopback a response to a
// pipelined or smuggled request, or a close, follows the response it comes after within a few
// milliseconds even from a single-threaded server; these wait ten times that and more, and every
// scenario that checks one pays it, so they stay short.

/** Listened for after a response: no more bytes (no extra response, no body past the framing). */
export const QUIET_MS = 50;

/** Watched for after a response: the connection is not closed. */
export const KEEP_OPEN_MS = 100;
