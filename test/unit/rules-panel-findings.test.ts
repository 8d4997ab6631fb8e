import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeatureEntry, Glossary, ScenarioEntry } from '../../src/rules/glossary.js';
import { renderPanelFindings } from '../../src/rules/panel-findings-markdown.js';

function scenario(name: string, verdicts: ScenarioEntry['runs'][number]['verdicts']): ScenarioEntry {
  return {
    name,
    line: 1,
    outline: false,
    tags: [{ name: '@rfc9112-6.1', section: { label: 'RFC 9112 §6.1', title: 'Transfer-Encoding', url: 'u' } }, { name: '@must' }],
    level: 'must',
    description: 'RFC 9112 §6.1: "Regardless, the server MUST close the connection after responding to such a request." Any 4xx passes.',
    steps: [],
    examples: [],
    runs: [{ label: '', example: undefined, fixtures: [], verdicts }],
    fixtures: [],
  };
}

function glossary(...scenarios: ScenarioEntry[]): Glossary {
  const feature: FeatureEntry = { uri: 'features/rfc9112/framing.feature', profile: 'rfc9112', page: 'rfc9112/framing.md', name: 'Framing', description: '', background: [], scenarios };
  return { features: [feature], panel: undefined };
}

test('a rule a panel server breaks is listed under its section, with the sentence quoted and what each server did', () => {
  const page = renderPanelFindings(
    glossary(
      scenario('CL and TE close', { bundled: { verdict: 'pass' }, nginx: { verdict: 'pass' }, caddy: { verdict: 'fail', reason: 'still open after 2000 ms' } }),
      scenario('Only passes', { bundled: { verdict: 'pass' }, nginx: { verdict: 'n/a', reason: 'no store' } }),
    ),
  );
  assert.match(page, /^## RFC 9112 §6\.1 Transfer-Encoding$/m);
  assert.match(page, /^### \[CL and TE close\]\(rfc9112\/framing\.md#cl-and-te-close\)$/m);
  assert.match(page, /^MUST · RFC 9112 §6\.1: "Regardless, the server MUST close the connection after responding to such a request\."$/m);
  assert.match(page, /^\|  \| caddy \| fail \| still open after 2000 ms \|$/m);
  assert.doesNotMatch(page, /Only passes/);
  assert.match(page, /^1 scenarios; 1 of them fail on at least one server\.$/m);
});

test('the bundled server, the reference, is never listed', () => {
  const page = renderPanelFindings(glossary(scenario('Bundled only', { bundled: { verdict: 'fail', reason: 'x' } })));
  assert.doesNotMatch(page, /Bundled only/);
});
