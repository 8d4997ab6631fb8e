import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { suiteBundle } from '../../src/run/suite-bundle.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the suite bundle (the support code compiled for Cucumber)', () => {
  it("imports every package by its file's absolute URL, so that it loads from any folder and shares Cucumber's instance", async () => {
    const steps = readFileSync((await suiteBundle(ROOT)).steps, 'utf8');
    const specifiers = [...steps.matchAll(/^import .*? from "([^"]+)";$/gm)].map((match) => match[1]);
    expect(specifiers).to.include(pathToFileURL(`${ROOT}node_modules/@cucumber/cucumber/lib/wrapper.mjs`).href);
    expect(specifiers.filter((specifier) => !specifier.startsWith('node:') && !specifier.startsWith('file:///'))).to.deep.equal([]);
  });

  it('keeps each source file its own import.meta.url, so the paths made from it (the fixtures) stay right', async () => {
    const steps = readFileSync((await suiteBundle(ROOT)).steps, 'utf8');
    expect(steps).to.include(JSON.stringify(pathToFileURL(`${ROOT}steps/support/hooks.ts`).href));
    expect(steps).not.to.include('import.meta.url');
  });
});
