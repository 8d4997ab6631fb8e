import type { Finding } from '../findings/finding.js';
import type { ScenarioRun } from './cucumber-messages.js';
import type { RunJudgement } from './judgement.js';

/**
 * The run as JUnit XML, from the findings. JUnit knows passed, failure, error and skipped:
 * `fail` is a `<failure>`, `error` an `<error>`, `n/a` is `<skipped>` with its reason, and
 * `warn` is a testcase that passed, with a `verdict` property of `warn` and the warning in
 * `<system-out>`: the scenario ran and met every MUST, so it is neither a failure nor skipped.
 * The suite's `warnings` property counts them, so its totals equal every other report's.
 */
export function renderJunit(runs: readonly ScenarioRun[], judgement: RunJudgement, meta: { readonly target: string; readonly timestamp: Date }): string {
  const { counts } = judgement;
  const seconds = runs.reduce((sum, run) => sum + run.durationMs, 0) / 1000;
  const suite = attributes({ name: 'wirecheck conformance', tests: runs.length, failures: counts.fail, errors: counts.error, skipped: counts['n/a'], time: seconds.toFixed(3), timestamp: meta.timestamp.toISOString() });
  const properties = properties_({ target: meta.target, passed: counts.pass, warnings: counts.warn });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite ${suite}>\n${properties}\n${runs.map(testcase).join('\n')}\n</testsuite>\n`;
}

function testcase(run: ScenarioRun): string {
  const { finding } = run;
  const head = attributes({ classname: run.uri.replace(/\.feature$/, '').replace(/\//g, '.'), name: run.name, time: (run.durationMs / 1000).toFixed(3), file: run.uri, line: run.line });
  const props = properties_({ verdict: finding.verdict, level: finding.level, rule: finding.rule, attempts: run.attempts }, '    ');
  return `  <testcase ${head}>\n${props}\n${outcome(finding)}  </testcase>`;
}

function outcome(finding: Finding): string {
  const summary = finding.summary ?? '';
  switch (finding.verdict) {
    case 'pass':
      return '';
    case 'fail':
      return `    <failure ${attributes({ message: summary, type: `${finding.level.toUpperCase()}-level` })}>${text(details(finding))}</failure>\n`;
    case 'error':
      return `    <error ${attributes({ message: summary, type: 'harness' })}>${text(details(finding))}</error>\n`;
    case 'n/a':
      return `    <skipped ${attributes({ message: `not applicable: ${summary}` })}/>\n`;
    case 'warn':
      return `    <system-out>${text(`warning (${finding.level.toUpperCase()}-level): ${summary}\n${details(finding)}`)}</system-out>\n`;
  }
}

/** The checks that did not hold, then the exchanges. */
function details(finding: Finding): string {
  const broken = finding.checks.filter((check) => !check.passed).map((check) => `${check.level}: ${check.label}${check.difference === undefined ? '' : ` — ${check.difference}`}`);
  return [...broken, ...finding.evidence].join('\n');
}

function properties_(values: Readonly<Record<string, string | number>>, indent = '  '): string {
  const lines = Object.entries(values).map(([name, value]) => `${indent}  <property ${attributes({ name, value })}/>`);
  return `${indent}<properties>\n${lines.join('\n')}\n${indent}</properties>`;
}

function attributes(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${escapeXml(String(value))}"`)
    .join(' ');
}

function text(value: string): string {
  return escapeXml(value);
}

/** XML 1.0 allows neither control characters nor lone surrogates: they become U+FFFD. */
function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
