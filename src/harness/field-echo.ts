import type { StructuredRequestSpec } from '../fixture/fixture.js';

// A field echo (docs/behaviour.md: the echo) answers with the request's field lines as it read
// them, `name: value` each, then an empty line, then the body. Set against the field lines that
// were sent, it shows what the server made of them: a value kept, a control byte replaced, a
// line dropped, a name rewritten.

export type FieldLine = readonly [name: string, value: string];

/** Spaces and tabs around a field value are not part of it (RFC 9112 §5.1). */
const OWS_AROUND = /^[ \t]+|[ \t]+$/g;

/**
 * The field lines of a request as sent, from its bytes: each line after the request line up to
 * the empty line, split at its first colon, the value without the whitespace around it. A
 * line that starts with whitespace continues the field before it (obs-fold), its line break
 * kept; one with no field before it is passed over. Only CRLF or LF end a line: a lone CR stays
 * in its value.
 */
export function sentFields(request: Buffer): FieldLine[] {
  const text = request.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const lines = text.slice(0, end === null ? text.length : end.index).split(/\r?\n/).slice(1);
  const fields: [string, string][] = [];
  for (const line of lines) {
    const folded = fields.at(-1);
    if (/^[ \t]/.test(line)) {
      if (folded !== undefined) folded[1] = `${folded[1]}\r\n${line}`.replace(OWS_AROUND, '');
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) fields.push([line.slice(0, colon), line.slice(colon + 1).replace(OWS_AROUND, '')]);
  }
  return fields;
}

/** The field lines an echo returned: its body's lines up to the first empty one, split at the first colon. */
export function echoedFields(body: Buffer): FieldLine[] {
  const fields: FieldLine[] = [];
  for (const line of body.toString('latin1').split(/\r?\n/)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) fields.push([line.slice(0, colon), line.slice(colon + 1).replace(OWS_AROUND, '')]);
  }
  return fields;
}

/**
 * How a field's values are compared: `as sent`, byte for byte (the lines of one name may be
 * combined into one, in order, with commas: RFC 9110 §5.3); or `CR, LF and NUL as SP`, where each
 * of those bytes may have been replaced by SP (RFC 9110 §5.5, RFC 9112 §5.2), runs of spaces
 * and tabs counting as one.
 */
export type Reading = 'as sent' | 'CR, LF and NUL as SP';

/** What the echo made of the `name` field sent, when it is not what `reading` allows; undefined when it is. */
export function echoProblem(request: Buffer, echoBody: Buffer, name: string, reading: Reading): string | undefined {
  const sent = valuesOf(sentFields(request), name);
  if (sent.length === 0) return `the request sent no ${name} field`;
  const echoed = valuesOf(echoedFields(echoBody), name);
  if (echoed.length === 0) return `the echo holds no ${name} field`;
  return comparable(sent, reading, 'sent') === comparable(echoed, reading, 'echoed') ? undefined : `the echo's ${name} is ${shown(echoed.join(', '))}, where ${shown(sent.join(', '))} was sent`;
}

/** The echo's `name` field, when it has one (a line the server should have passed over). */
export function echoPresenceProblem(echoBody: Buffer, name: string): string | undefined {
  const echoed = valuesOf(echoedFields(echoBody), name);
  return echoed.length === 0 ? undefined : `the echo holds ${name}: ${shown(echoed.join(', '))}`;
}

function valuesOf(fields: readonly FieldLine[], name: string): string[] {
  const wanted = name.toLowerCase();
  return fields.filter(([n]) => n.toLowerCase() === wanted).map(([, value]) => value);
}

/** The values as one text to compare: commas of a combination evened out; read with SP for CR, LF and NUL, the sent bytes replaced, never the echoed ones (a byte kept is what is judged). */
function comparable(values: readonly string[], reading: Reading, side: 'sent' | 'echoed'): string {
  const joined = values.join(',').replace(/[ \t]*,[ \t]*/g, ',');
  if (reading === 'as sent') return joined;
  return (side === 'sent' ? joined.replace(/[\r\n\0]/g, ' ') : joined).replace(/[ \t]+/g, ' ').trim();
}

/** A value for the report: control bytes visible, a long one cut in the middle. */
function shown(value: string): string {
  const visible = JSON.stringify(value);
  return visible.length <= 120 ? visible : `${visible.slice(0, 56)}…${visible.slice(-56)} (${value.length} bytes)`;
}

// --- Cookies grown to a size ----------------------------------------------------------------

/** How a grown Cookie is made: one pair whose value fills it to `bytes`, or `pairs` pairs `cN=vN`. */
export type CookieGrowth = { readonly bytes: number } | { readonly pairs: number };

const ONE_PAIR = 'wirecheck=';

/** A Cookie field value (RFC 6265 §4.2.1: pairs joined by `; `), ASCII, of the size asked. */
export function grownCookie(growth: CookieGrowth): string {
  if ('pairs' in growth) return Array.from({ length: growth.pairs }, (_, i) => `c${i + 1}=v${i + 1}`).join('; ');
  if (growth.bytes <= ONE_PAIR.length) throw new RangeError(`a Cookie of ${growth.bytes} bytes cannot hold a pair`);
  return ONE_PAIR + 'a'.repeat(growth.bytes - ONE_PAIR.length);
}

/** The request with one more field line, after its own. */
export function withField(spec: StructuredRequestSpec, name: string, value: string): StructuredRequestSpec {
  return { ...spec, headers: [...spec.headers, [name, value]] };
}
