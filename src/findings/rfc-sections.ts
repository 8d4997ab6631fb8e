/**
 * The RFC sections the suite cites, by tag, with their titles as the RFCs write them. A
 * section tag is `@rfc<number>-<section>`, e.g. `@rfc9112-6.3` for RFC 9112 §6.3.
 */
const TITLES: Readonly<Record<string, string>> = {
  'rfc9112-2.2': 'Message Parsing',
  'rfc9112-2.3': 'HTTP Version',
  'rfc9112-3': 'Request Line',
  'rfc9112-3.1': 'Method',
  'rfc9112-3.2': 'Request Target',
  'rfc9112-3.2.1': 'origin-form',
  'rfc9112-3.2.2': 'absolute-form',
  'rfc9112-3.2.3': 'authority-form',
  'rfc9112-3.2.4': 'asterisk-form',
  'rfc9112-5.1': 'Field Line Parsing',
  'rfc9112-5.2': 'Obsolete Line Folding',
  'rfc9112-6': 'Message Body',
  'rfc9112-6.1': 'Transfer-Encoding',
  'rfc9112-6.2': 'Content-Length',
  'rfc9112-6.3': 'Message Body Length',
  'rfc9112-7': 'Transfer Codings',
  'rfc9112-7.1': 'Chunked Transfer Coding',
  'rfc9112-7.1.1': 'Chunk Extensions',
  'rfc9112-7.1.2': 'Chunked Trailer Section',
  'rfc9112-9.3': 'Persistence',
  'rfc9112-9.3.2': 'Pipelining',
  'rfc9112-9.4': 'Concurrency',
  'rfc9112-9.5': 'Failures and Timeouts',
  'rfc9112-9.6': 'Tear-down',
  'rfc9110-2.5': 'Protocol Version',
  'rfc9110-4.2.4': 'Deprecation of userinfo in http(s) URIs',
  'rfc9110-5.1': 'Field Names',
  'rfc9110-5.3': 'Field Order',
  'rfc9110-5.4': 'Field Limits',
  'rfc9110-5.5': 'Field Values',
  'rfc9110-6.6.1': 'Date',
  'rfc9110-7.6.1': 'Connection',
  'rfc9110-7.8': 'Upgrade',
  'rfc9110-8.3': 'Content-Type',
  'rfc9110-8.6': 'Content-Length',
  'rfc9110-9.3.1': 'GET',
  'rfc9110-9.3.2': 'HEAD',
  'rfc9110-9.3.3': 'POST',
  'rfc9110-9.3.5': 'DELETE',
  'rfc9110-9.3.7': 'OPTIONS',
  'rfc9110-10.1.1': 'Expect',
  'rfc9110-13.1.2': 'If-None-Match',
  'rfc9110-13.1.3': 'If-Modified-Since',
  'rfc9110-13.1.5': 'If-Range',
  'rfc9110-13.2.1': 'When to Evaluate',
  'rfc9110-13.2.2': 'Precedence of Preconditions',
  'rfc9110-14.2': 'Range',
  'rfc9110-14.4': 'Content-Range',
  'rfc9110-15.3.7': '206 Partial Content',
  'rfc9110-15.4.5': '304 Not Modified',
  'rfc9110-15.2': 'Informational 1xx',
  'rfc9110-15.3.5': '204 No Content',
  'rfc9110-15.5.1': '400 Bad Request',
  'rfc9110-15.5.6': '405 Method Not Allowed',
  'rfc9110-15.5.9': '408 Request Timeout',
  'rfc9110-15.5.14': '413 Content Too Large',
  'rfc9110-15.6.6': '505 HTTP Version Not Supported',
  'rfc6585-5': '431 Request Header Fields Too Large',
  'rfc4918-11.5': '507 Insufficient Storage',
  'rfc9110-8.8.3': 'ETag',
  'rfc9110-13.1.1': 'If-Match',
  'rfc9110-13.1.4': 'If-Unmodified-Since',
  'rfc9110-15.5.17': '416 Range Not Satisfiable',
};

const SECTION_TAG = /^@rfc(\d+)-(\d+(?:\.\d+)*)$/;

/** A parsed section tag. */
export interface SectionRef {
  readonly tag: string;
  readonly rfc: number;
  /** `6.3`, `3`, `15.5.14`. */
  readonly section: string;
}

/** The section a tag names, or undefined when it is not a section tag (`@rfc9112` is a profile). */
export function maybeSectionRef(tag: string): SectionRef | undefined {
  const found = SECTION_TAG.exec(tag);
  return found === null ? undefined : { tag, rfc: Number(found[1]), section: found[2]! };
}

/** The section's title, when the suite knows it. */
export function maybeSectionTitle(ref: SectionRef): string | undefined {
  return TITLES[ref.tag.slice(1)];
}

/** `RFC 9112 §6.3`. */
export function sectionLabel(ref: SectionRef): string {
  return `RFC ${ref.rfc} §${ref.section}`;
}

/** The section in the RFC Editor's HTML. */
export function sectionUrl(ref: SectionRef): string {
  return `https://www.rfc-editor.org/rfc/rfc${ref.rfc}#section-${ref.section}`;
}

/** The wire first, then semantics, then the RFCs that define one status code each. */
const RFC_ORDER = [9112, 9110];

function rfcRank(rfc: number): number {
  const rank = RFC_ORDER.indexOf(rfc);
  return rank === -1 ? RFC_ORDER.length + rfc : rank;
}

/** Orders sections RFC 9112 first, then RFC 9110, then by RFC number; within one, part by part: 3 < 3.2 < 3.2.1 < 3.10. */
export function compareSections(a: SectionRef, b: SectionRef): number {
  if (a.rfc !== b.rfc) return rfcRank(a.rfc) - rfcRank(b.rfc);
  const x = a.section.split('.').map(Number);
  const y = b.section.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Every section tag the suite has a title for. */
export function knownSectionTags(): string[] {
  return Object.keys(TITLES).map((key) => `@${key}`);
}
