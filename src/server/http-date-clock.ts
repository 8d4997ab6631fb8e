import { formatHttpDate } from '../http1/index.js';

/** The `Date` header value, formatted at most once a second however many responses ask. */
export class HttpDateClock {
  private second = -1;
  private value = '';

  now(): string {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.value = formatHttpDate(new Date(second * 1000));
    }
    return this.value;
  }
}
