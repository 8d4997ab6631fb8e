import type { Capabilities } from '../target/target.js';

// What a scenario needs of a target beyond HTTP/1.1 itself (src/target/capabilities.ts finds it
// out): each is the reason the scenario is not applicable, or undefined when the target has it.

export type TargetNeed = 'a body path' | 'a body echo' | 'a field echo';

const MISSING: Readonly<Record<TargetNeed, (capabilities: Capabilities) => boolean>> = {
  'a body path': (capabilities) => capabilities.paths.body === undefined,
  'a body echo': (capabilities) => capabilities.paths.echo === undefined,
  'a field echo': (capabilities) => !capabilities.echoesFields,
};

const WHY: Readonly<Record<TargetNeed, string>> = {
  'a body path': 'the target has no path known to take a request body (a POST to its GET path was not 2xx; --body-path names one)',
  'a body echo': 'the target has no path known to return a request body (no message store; --echo-path names one)',
  'a field echo': "the target has no path known to return a request's field lines (--echo-path names one that does)",
};

export function maybeLacking(capabilities: Capabilities, need: TargetNeed): string | undefined {
  return MISSING[need](capabilities) ? WHY[need] : undefined;
}
