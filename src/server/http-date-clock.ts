import { formatHttpDate } from '../http1/index.js';

/** The `Date` header value, formatted at most once a second however many responses ask. */
export class HttpDateClock {
  private second = -1;
  private value = '';

  now(): string {
    return this.at(Date.now());
  }

  /**
   * The value for the epoch milliseconds `ms`, which the caller has read already: a connection
   * reads the clock once per chunk of input, not once per response. Within a second it is the
   * same string object, so a cache can tell "same second" by identity.
   */
  at(ms: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      this.value = formatHttpDate(new Date(second * 1000));
    }
    return this.value;
  }
}
