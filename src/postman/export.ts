/**
 * The `@seed` features as a Postman collection (`npm run collection` writes
 * collections/wirecheck.postman_collection.json; a unit test fails when it is stale). Each
 * scenario is a folder of its requests in order, the background's `DELETE /` first, each request
 * with Postman tests made from the fixtures its `Then` steps name: so Postman or Newman checks
 * what the suite checks, with the same fixtures, and no second copy is written by hand.
 */
import { join } from 'node:path';
import { describe as describeMatcher, type Matcher } from '../expect/matchers.js';
import { describeStatus, type SingleStatusMatcher, type StatusMatcher } from '../expect/status-matcher.js';
import { loadFixture } from '../fixture/fixture-loader.js';
import type { ExpectedResponse, Fixture } from '../fixture/fixture.js';
import { PLACEHOLDER_NAMES } from '../fixture/placeholders.js';
import { featureUris, readFeature, type FeatureSource, type StepSource } from '../rules/features.js';
import { BASE_URL, COLLECTION_SCHEMA, type PostmanCollection, type PostmanItem } from './collection.js';

export const COLLECTION_FILE = 'collections/wirecheck.postman_collection.json';
const SEED_FEATURES = 'features/seed/';
/** The fixture the harness empties the store with (src/harness/store-setup.ts), and the status it wants. */
const EMPTY_STORE = { fixture: 'seed/delete-root', status: 200 } as const;

/** A step, fixture or matcher Postman cannot say. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

/** The collection of `root`'s features/seed/ and their fixtures. */
export function seedCollection(root: string): PostmanCollection {
  const fixtures = (name: string): Fixture => loadFixture(join(root, 'fixtures', `${name}.yaml`));
  const features = featureUris(root)
    .filter((uri) => uri.startsWith(SEED_FEATURES))
    .map((uri) => readFeature(root, uri));
  return {
    info: {
      name: 'wirecheck @seed',
      description:
        'The documented cases of SPEC §1 (profile @seed), made by `npm run collection` from features/seed/ and their fixtures: edit those, not this file. ' +
        'One folder per scenario, each starting from an empty store; bodies are compared with trailing whitespace ignored, as @seed does. Set baseUrl to the server under test.',
      schema: COLLECTION_SCHEMA,
    },
    item: features.flatMap((feature) => feature.scenarios.map((scenario) => ({ name: scenario.name, item: scenarioItems(feature, [...feature.background, ...scenario.steps], fixtures) }))),
    variable: [{ key: BASE_URL, value: 'http://127.0.0.1:8080', type: 'string' }],
  };
}

export function renderCollection(collection: PostmanCollection): string {
  return `${JSON.stringify(collection, null, 2)}\n`;
}

interface Sent {
  /** The fixture's name. */
  readonly name: string;
  /** Why it is sent, when it is not the scenario's own request. */
  readonly purpose?: string;
  readonly fixture: Fixture;
  readonly tests: string[];
}

function scenarioItems(feature: FeatureSource, steps: readonly StepSource[], fixtures: (name: string) => Fixture): PostmanItem[] {
  const sent: Sent[] = [];
  const last = (text: string): Sent => sent.at(-1) ?? fail(feature, text, 'checks a response before any request');
  for (const { text } of steps) {
    let found: RegExpExecArray | null;
    if (text === 'the message store is empty') {
      const fixture = fixtures(EMPTY_STORE.fixture);
      sent.push({ name: EMPTY_STORE.fixture, purpose: 'to empty the store', fixture, tests: statusTest(`the store is emptied: status is ${EMPTY_STORE.status}`, { kind: 'status-code', code: EMPTY_STORE.status }) });
    } else if ((found = /^the "([^"]+)" request is sent$/.exec(text)) !== null) {
      sent.push({ name: found[1]!, fixture: fixtures(found[1]!), tests: [] });
    } else if (text === 'the response matches the fixture') {
      const request = last(text);
      request.tests.push(...responseTests(request.name, request.fixture, feature));
    } else if ((found = /^the response matches "([^"]+)"$/.exec(text)) !== null) {
      last(text).tests.push(...responseTests(found[1]!, fixtures(found[1]!), feature));
    } else fail(feature, text, 'has no Postman equivalent');
  }
  return sent.map((request) => requestItem(request, feature));
}

function fail(feature: FeatureSource, step: string, problem: string): never {
  throw new ExportError(`${feature.uri}: the step "${step}" ${problem}`);
}

// ---------------------------------------------------------------------------------------------
// Requests

function requestItem({ name, purpose, fixture, tests }: Sent, feature: FeatureSource): PostmanItem {
  const request = fixture.request;
  if (request.kind !== 'structured' || request.version !== 'HTTP/1.1') throw new ExportError(`${fixture.file}: only an HTTP/1.1 request written field by field can be sent by Postman`);
  // Postman writes Host and Content-Length itself, from the URL and the body.
  const header = request.headers.filter(([field]) => !/^(host|content-length)$/i.test(field)).map(([key, value]) => ({ key, value: literal(value, fixture, feature) }));
  return {
    name: `${request.method} ${request.target} (${name}${purpose === undefined ? '' : `, ${purpose}`})`,
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: [...(tests.some((line) => line.includes('field(')) ? PRELUDE : []), ...tests] } }],
    request: {
      method: request.method,
      header,
      url: `{{${BASE_URL}}}${literal(request.target, fixture, feature)}`,
      description: fixture.why,
      ...(request.body === '' ? {} : { body: { mode: 'raw', raw: request.body } }),
    },
  };
}

const PLACEHOLDER = new RegExp(`\\{(${PLACEHOLDER_NAMES.join('|')})\\}`);

function literal(text: string, fixture: Fixture, feature: FeatureSource): string {
  const placeholder = PLACEHOLDER.exec(text);
  if (placeholder !== null) throw new ExportError(`${fixture.file} (${feature.uri}): ${placeholder[0]} has no value in a Postman request`);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Tests: each check of a fixture's response as a pm.test

/** A test script of header checks starts with this: a field's values joined as the suite joins repeated fields, undefined when absent. */
const PRELUDE = [
  'function field(name) {',
  '    var values = pm.response.headers.all().filter(function (h) { return h.key.toLowerCase() === name.toLowerCase(); }).map(function (h) { return h.value; });',
  '    return values.length === 0 ? undefined : values.join(", ");',
  '}',
];

/** The shape `<http-date>` accepts (src/expect/http-date.ts), which Postman's sandbox cannot import. */
const HTTP_DATE_SHAPE = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} ([A-Z]{1,5}|[+-]\d{4})$/;
/** IMF-fixdate's shape; the suite's `<imf-fixdate>` also checks the calendar and the day name. */
const IMF_FIXDATE_SHAPE = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function responseTests(name: string, fixture: Fixture, feature: FeatureSource): string[] {
  const expected: ExpectedResponse = fixture.response ?? fail(feature, `the response matches "${name}"`, `names ${fixture.file}, which has no response`);
  const level = fixture.level === 'should' ? ' (SHOULD)' : '';
  const tests: string[][] = [statusTest(`${name}: status is ${describeStatus(expected.status)}${level}`, expected.status)];
  if (expected.reason !== undefined) tests.push(matcherTest(`${name}: reason is ${describeMatcher(expected.reason)}${level}`, 'pm.response.status', expected.reason));
  for (const header of expected.headers) tests.push(matcherTest(`${name}: ${header.name} is ${describeMatcher(header.matcher)}${level}`, `field(${JSON.stringify(header.name)})`, header.matcher));
  if (expected.body !== undefined) {
    // @seed compares bodies without their trailing whitespace (SPEC §1), as a fixture may ask too.
    const trim = feature.uri.startsWith(SEED_FEATURES) || expected.bodyTrailingWhitespace === 'ignore';
    const body = expected.body.kind === 'exact' && trim ? { ...expected.body, value: expected.body.value.trimEnd() } : expected.body;
    tests.push(matcherTest(`${name}: body is ${describeMatcher(body)}${trim ? ', trailing whitespace aside' : ''}${level}`, trim ? "pm.response.text().replace(/\\s+$/, '')" : 'pm.response.text()', body));
  }
  return tests.flat();
}

function statusTest(title: string, status: StatusMatcher): string[] {
  const alternatives = status.kind === 'status-one-of' ? status.alternatives : [status];
  const codes = alternatives.filter((alternative) => alternative.kind !== 'close' && alternative.kind !== 'wait');
  if (codes.length === 0) throw new ExportError(`${title}: a response that never comes cannot be a Postman test`);
  const condition = codes.map(statusCondition).join(' || ');
  return test(title, status.kind === 'status-code' ? `pm.expect(pm.response.code).to.equal(${status.code});` : `pm.expect(${condition}, 'status ' + pm.response.code).to.equal(true);`);
}

function statusCondition(m: SingleStatusMatcher): string {
  switch (m.kind) {
    case 'status-code':
      return `pm.response.code === ${m.code}`;
    case 'status-class':
      return `Math.floor(pm.response.code / 100) === ${m.digit}`;
    case 'status-range':
      return `(pm.response.code >= ${m.min} && pm.response.code <= ${m.max})`;
    case 'close':
    case 'wait':
      throw new ExportError(`no status is ${m.kind}`);
  }
}

function matcherTest(title: string, actual: string, m: Matcher): string[] {
  if (m.kind === 'exact') return test(title, `pm.expect(${actual}).to.equal(${JSON.stringify(m.value)});`);
  return test(title, `var value = ${actual};`, `pm.expect(${condition(m)}, JSON.stringify(value)).to.equal(true);`);
}

/** The matcher as a JavaScript condition on `value` (a string, or undefined when the field is absent). */
function condition(m: Matcher): string {
  const present = (test: string): string => `(value !== undefined && ${test})`;
  switch (m.kind) {
    case 'exact':
      return `value === ${JSON.stringify(m.value)}`;
    case 'any':
      return 'value !== undefined';
    case 'absent':
      return 'value === undefined';
    case 'number':
      return present('/^[0-9]+$/.test(value)');
    case 'http-date':
      return present(`${HTTP_DATE_SHAPE}.test(value)`);
    case 'imf-fixdate':
      return present(`${IMF_FIXDATE_SHAPE}.test(value)`);
    case 'regex':
      return present(`new RegExp(${JSON.stringify(m.source)}, ${JSON.stringify(m.flags)}).test(value)`);
    case 'contains':
      return present(`value.indexOf(${JSON.stringify(m.text)}) !== -1`);
    case 'one-of':
      return `(${m.alternatives.map(condition).join(' || ')})`;
  }
}

function test(title: string, ...body: string[]): string[] {
  return [`pm.test(${JSON.stringify(title)}, function () {`, ...body.map((line) => `    ${line}`), '});'];
}
