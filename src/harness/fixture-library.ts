import { join } from 'node:path';
import type { Fixture } from '../fixture/fixture.js';
import { loadFixture } from '../fixture/fixture-loader.js';
import { placeholderValues } from '../fixture/placeholders.js';
import { rawTextBytes } from '../fixture/raw-text.js';
import { requestBytes } from '../fixture/request-bytes.js';
import type { TargetServer } from '../target/target.js';
import { HarnessError } from './harness-errors.js';
import { describePadding, padRequest, type Padding } from './padding.js';
import { prepared, type PreparedRequest } from './prepared-request.js';
import { shortPath } from './report-text.js';

/**
 * The fixtures a scenario uses, each loaded once per scenario, and the requests made from them
 * (or from raw text) for the target they go to. A fixture that does not load is a harness error.
 */
export class FixtureLibrary {
  private readonly loaded = new Map<string, Fixture>();

  constructor(private readonly fixturesDir: string) {}

  fixture(name: string): Fixture {
    let fixture = this.loaded.get(name);
    if (fixture === undefined) {
      fixture = loadFixture(shortPath(join(this.fixturesDir, `${name}.yaml`)));
      this.loaded.set(name, fixture);
    }
    return fixture;
  }

  /** The fixture's request for `target`, grown as `padding` says when given (a structured request only). */
  request(name: string, target: TargetServer, padding?: Padding): PreparedRequest {
    const fixture = this.fixture(name);
    if (padding === undefined) return prepared(requestBytes(fixture.request, target, target.capabilities.paths), fixture.file, fixture);
    if (fixture.request.kind !== 'structured') throw new HarnessError(`${fixture.file}: only a request written field by field can be padded, not a raw one`);
    const spec = padRequest(fixture.request, padding, fixture.file);
    return prepared(requestBytes(spec, target, target.capabilities.paths), `${fixture.file}, ${describePadding(padding)}`, fixture);
  }

  /** A request written in the fixtures' raw-text convention (docs/fixtures.md). */
  rawRequest(text: string, target: TargetServer): PreparedRequest {
    return prepared(rawTextBytes(text, placeholderValues(target, target.capabilities.paths)), 'raw request');
  }
}
