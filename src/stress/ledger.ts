/**
 * The stress tool's accounting: every message posted, on which connection, in which order, when
 * it was sent and when (and how) it was answered; every DELETE likewise. `audit` then compares a
 * `GET /` listing with what the server acknowledged.
 *
 * Time stamps are this process's `performance.now()`. A message whose 201 arrived before a DELETE
 * was sent was stored before that DELETE; one sent after the DELETE's 200 arrived was stored
 * after it; the server alone decided the order of the ones in between, and the listing tells
 * which way it went. Within one connection the server answers in order, so the messages of a
 * connection that survive the last DELETE are always the last ones it stored.
 */

export type Outcome =
  /** Sent, no answer yet. */
  | 'pending'
  /** 201 Created: the server says it is stored. */
  | 'acknowledged'
  /** A final status other than 201 (e.g. 507): not stored. */
  | 'refused'
  /** No answer will come (the connection broke or the server died): it may or may not be stored. */
  | 'unknown';

export interface PostEntry {
  readonly connection: number;
  /** Position in its connection's sequence of posts, from 0. */
  readonly seq: number;
  readonly text: string;
  readonly sentAt: number;
  outcome: Outcome;
  answeredAt: number | undefined;
  status: number | undefined;
}

export interface DeleteEntry {
  readonly sentAt: number;
  outcome: Outcome;
  answeredAt: number | undefined;
}

/** What a listing says about the acknowledged messages. Every count but the first two should be 0. */
export interface Audit {
  /** 201-acknowledged messages the server ordered after the last acknowledged DELETE. */
  readonly acknowledged: number;
  /** Messages in the listing. */
  readonly found: number;
  /** Of `found`: messages whose answer never came (a crash or cut connection) but that were stored. */
  readonly foundUnanswered: number;
  /** Of `acknowledged`: messages that overlapped the last DELETE (either order was allowed). */
  readonly overlapping: number;
  /** Acknowledged, ordered after the last DELETE, yet absent. */
  readonly missing: number;
  readonly duplicates: number;
  /** Listed messages that were never sent, refused, or deleted by the last DELETE. */
  readonly unexpected: number;
  /** Two messages of one connection listed in the wrong order, or one stored but an earlier one not. */
  readonly outOfOrder: number;
  /** A message listed before one whose 201 arrived before it was even sent. */
  readonly realTimeViolations: number;
  /** DELETEs never answered: the audit cannot place them. */
  readonly unansweredDeletes: number;
  /** The first few problems in words. */
  readonly problems: string[];
}

const MAX_PROBLEMS = 10;
const TEXT_PATTERN = /^s([0-9a-z]+)\.(\d+)\.(\d+)(?:\.|$)/;
const FILLERS = ['', 'x', 'hello', '메시지', 'lorem ipsum dolor sit amet', '안녕하세요 wirecheck', 'tab\there'];

export class Ledger {
  private readonly posts: PostEntry[][] = [];
  private readonly deletes: DeleteEntry[] = [];
  private readonly byText = new Map<string, PostEntry>();
  /** Tells this run's messages from anything else in the store. */
  readonly tag: string;

  constructor(tag = Date.now().toString(36)) {
    this.tag = tag;
  }

  /** A new poster; its number goes into its messages. */
  openConnection(): number {
    this.posts.push([]);
    return this.posts.length - 1;
  }

  /** The next message of `connection`: unique, without a newline, sometimes UTF-8 beyond ASCII. */
  post(connection: number, sentAt: number): PostEntry {
    const list = this.posts[connection]!;
    const seq = list.length;
    const filler = FILLERS[(seq * 7 + connection) % FILLERS.length]!;
    const text = `s${this.tag}.${connection}.${seq}${filler === '' ? '' : `.${filler}`}`;
    const entry: PostEntry = { connection, seq, text, sentAt, outcome: 'pending', answeredAt: undefined, status: undefined };
    list.push(entry);
    this.byText.set(text, entry);
    return entry;
  }

  answered(entry: PostEntry | DeleteEntry, status: number, at: number): void {
    entry.answeredAt = at;
    if ('text' in entry) {
      entry.status = status;
      entry.outcome = status === 201 ? 'acknowledged' : 'refused';
    } else {
      entry.outcome = status === 200 ? 'acknowledged' : 'refused';
    }
  }

  /** No answer will come for this request. */
  lost(entry: PostEntry | DeleteEntry): void {
    if (entry.outcome === 'pending') entry.outcome = 'unknown';
  }

  deleteSent(sentAt: number): DeleteEntry {
    const entry: DeleteEntry = { sentAt, outcome: 'pending', answeredAt: undefined };
    this.deletes.push(entry);
    return entry;
  }

  /** Every entry still pending becomes unknown (the run is over). */
  settle(): void {
    for (const list of this.posts) for (const entry of list) this.lost(entry);
    for (const entry of this.deletes) this.lost(entry);
  }

  count(outcome: Outcome): number {
    let n = 0;
    for (const list of this.posts) for (const entry of list) if (entry.outcome === outcome) n++;
    return n;
  }

  get deleteCount(): number {
    return this.deletes.filter((d) => d.outcome === 'acknowledged').length;
  }

  /** Whether `text` looks like one of this run's messages (a listing may also hold others'). */
  isOurs(text: string): boolean {
    return TEXT_PATTERN.exec(text)?.[1] === this.tag;
  }

  /**
   * Checks a listing taken while posts may still be in flight: every message in it was sent, none
   * twice, each connection's in order. Returns the problems (empty when consistent).
   */
  checkSnapshot(messages: readonly string[]): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    const lastSeq = new Map<number, number>();
    for (const text of messages) {
      if (!this.isOurs(text)) continue;
      const entry = this.byText.get(text);
      if (entry === undefined) problems.push(`never sent: ${JSON.stringify(text)}`);
      else if (seen.has(text)) problems.push(`listed twice: ${JSON.stringify(text)}`);
      else if ((lastSeq.get(entry.connection) ?? -1) > entry.seq) problems.push(`out of order: ${JSON.stringify(text)}`);
      else lastSeq.set(entry.connection, entry.seq);
      seen.add(text);
      if (problems.length >= MAX_PROBLEMS) break;
    }
    return problems;
  }

  /** Compares the final listing (only this run's messages are considered) with the acknowledgements. */
  audit(listing: readonly string[]): Audit {
    const problems: string[] = [];
    const note = (problem: string): void => {
      if (problems.length < MAX_PROBLEMS) problems.push(problem);
    };
    const lastDelete = this.deletes.filter((d) => d.outcome === 'acknowledged').at(-1);
    const unansweredDeletes = this.deletes.filter((d) => d.outcome === 'unknown' || d.outcome === 'pending').length;
    if (unansweredDeletes > 0) note(`${unansweredDeletes} DELETE(s) never answered`);

    // Which of our messages are listed, where, and how often.
    const position = new Map<PostEntry, number>();
    let duplicates = 0;
    let unexpected = 0;
    let found = 0;
    listing.forEach((text, index) => {
      if (!this.isOurs(text)) return;
      found++;
      const entry = this.byText.get(text);
      if (entry === undefined) {
        unexpected++;
        note(`never sent: ${JSON.stringify(text)}`);
      } else if (position.has(entry)) {
        duplicates++;
        note(`listed twice: ${JSON.stringify(text)}`);
      } else {
        position.set(entry, index);
      }
    });

    let acknowledged = 0;
    let overlapping = 0;
    let missing = 0;
    let foundUnanswered = 0;
    let outOfOrder = 0;
    for (const list of this.posts) {
      // The server handled this connection's posts in order; the last DELETE fell somewhere in
      // that order, so the stored ones must be a run with nothing missing after its first one.
      let storedRunStarted = false;
      let unansweredGap: PostEntry | undefined;
      let previousPosition = -1;
      for (const entry of list) {
        const listed = position.get(entry);
        const when = lastDelete === undefined ? 'after' : placeAgainst(entry, lastDelete);
        if (listed !== undefined && unansweredGap !== undefined) {
          outOfOrder++;
          note(`listed although an earlier message of its connection is not: ${JSON.stringify(unansweredGap.text)}`);
          unansweredGap = undefined;
        }
        if (listed !== undefined) {
          if (entry.outcome === 'refused') {
            unexpected++;
            note(`listed but refused with ${entry.status}: ${JSON.stringify(entry.text)}`);
          } else if (when === 'before') {
            unexpected++;
            note(`listed but deleted by the last DELETE: ${JSON.stringify(entry.text)}`);
          }
          if (listed < previousPosition) {
            outOfOrder++;
            note(`listed before an earlier message of its connection: ${JSON.stringify(entry.text)}`);
          }
          previousPosition = Math.max(previousPosition, listed);
          if (entry.outcome === 'acknowledged' && when !== 'before') {
            acknowledged++;
            if (when === 'overlapping') overlapping++;
          }
          if (entry.outcome === 'unknown' || entry.outcome === 'pending') foundUnanswered++;
          storedRunStarted = true;
        } else if (entry.outcome === 'acknowledged') {
          if (when === 'after') {
            acknowledged++;
            missing++;
            note(`acknowledged but missing: ${JSON.stringify(entry.text)}`);
          } else if (storedRunStarted) {
            // Overlapping the DELETE and absent, though an earlier message of its connection survived it.
            acknowledged++;
            outOfOrder++;
            note(`missing although an earlier message of its connection is listed: ${JSON.stringify(entry.text)}`);
          }
        } else if (storedRunStarted && entry.outcome !== 'refused') {
          unansweredGap ??= entry;
        }
      }
    }

    // Real-time order: if a's 201 arrived before b was sent, a must be listed before b.
    let realTimeViolations = 0;
    let latestSentSoFar = -Infinity;
    for (const text of listing) {
      const entry = this.byText.get(text);
      if (entry === undefined || position.get(entry) === undefined) continue;
      if (entry.answeredAt !== undefined && entry.answeredAt < latestSentSoFar) {
        realTimeViolations++;
        note(`listed after a message sent once its own 201 had arrived: ${JSON.stringify(entry.text)}`);
      }
      latestSentSoFar = Math.max(latestSentSoFar, entry.sentAt);
    }

    return { acknowledged, found, foundUnanswered, overlapping, missing, duplicates, unexpected, outOfOrder, realTimeViolations, unansweredDeletes, problems };
  }
}

/** Where a post falls against a DELETE, as far as this client can tell from the clock alone. */
function placeAgainst(entry: PostEntry, lastDelete: DeleteEntry): 'before' | 'after' | 'overlapping' {
  if (entry.answeredAt !== undefined && entry.answeredAt < lastDelete.sentAt) return 'before';
  if (entry.sentAt > lastDelete.answeredAt!) return 'after';
  return 'overlapping';
}

/** Whether an audit found the store exactly as acknowledged. */
export function isClean(audit: Audit): boolean {
  return (
    audit.missing === 0 &&
    audit.duplicates === 0 &&
    audit.unexpected === 0 &&
    audit.outOfOrder === 0 &&
    audit.realTimeViolations === 0 &&
    audit.unansweredDeletes === 0 &&
    audit.found === audit.acknowledged + audit.foundUnanswered
  );
}

/** The messages of a `GET /` body: after the blank line, joined by `\n`. */
export function listedMessages(body: Buffer): string[] {
  const text = body.toString('utf8');
  const start = text.indexOf('\n\n');
  if (start < 0) return [];
  const rest = text.slice(start + 2);
  return rest === '' ? [] : rest.split('\n');
}
