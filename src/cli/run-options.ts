/**
 * What the conformance runner and the matrix both take for their runs of the suite: the tag
 * expression and the harness's read timeout, each from its flag, else its environment
 * variable, checked before Cucumber starts so that a mistake is one line, not a stack trace.
 */
import parseTagExpression from '@cucumber/tag-expressions';
import { UsageError } from './arguments.js';

/** The harness's read timeout: below this a server's ordinary answer would not arrive in time… */
const MIN_READ_TIMEOUT_MS = 100;
/**
 * …and past this Cucumber's own step timeout (60 s) could fire first: a step may wait several
 * times (connect, read, send again once the connection closed), and that would be a harness error.
 */
const MAX_READ_TIMEOUT_MS = 10_000;

/** `--tags` or TAGS, when it parses as a Cucumber tag expression; undefined (or empty) for the default selection. */
export function tagsOption(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const tags = flag ?? env.TAGS;
  if (tags === undefined || tags.trim() === '') return tags;
  try {
    parseTagExpression(tags);
  } catch (error) {
    // Its message quotes the expression, then says what is wrong after "because of".
    const why = (error as Error).message.replace(/^.*?because of /s, '').split('\n')[0];
    throw new UsageError(`${flag === undefined ? 'TAGS' : '--tags'} ${JSON.stringify(tags)} is not a tag expression: ${why}`);
  }
  return tags;
}

/** `--timeout MS` or TIMEOUT_MS: how long the harness waits for a response; undefined keeps the suite's default. */
export function readTimeoutOption(flag: string | undefined, env: NodeJS.ProcessEnv): number | undefined {
  const raw = flag ?? (env.TIMEOUT_MS === '' ? undefined : env.TIMEOUT_MS);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < MIN_READ_TIMEOUT_MS || value > MAX_READ_TIMEOUT_MS) {
    throw new UsageError(`${flag === undefined ? 'TIMEOUT_MS' : '--timeout'} must be a whole number of milliseconds from ${MIN_READ_TIMEOUT_MS} to ${MAX_READ_TIMEOUT_MS}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** The one line for a run that selected nothing: a tag no scenario has, or a FEATURE:LINE that is no scenario. */
export function noScenarioLine(tags: string | undefined, paths: readonly string[] | undefined): string {
  const selection = tags === undefined || tags.trim() === '' ? 'the default selection' : `the tags ${JSON.stringify(tags)}`;
  return `no scenario matches ${selection}${paths === undefined ? '' : ` in ${paths.join(', ')}`}`;
}
