import { fileURLToPath } from 'node:url';
import { closestStep, definedStepPatterns, STEPS_DOC } from '../harness/step-vocabulary.js';

const PATTERNS = definedStepPatterns(fileURLToPath(new URL('../../steps', import.meta.url)));

interface SnippetRequest {
  readonly generatedExpressions: readonly { readonly source: string }[];
}

/**
 * What Cucumber suggests for a step that has no definition (its "snippet", shown in the HTML
 * report and by its own formatters): not code to write, since a feature needs none, but the
 * closest defined step and where every step is listed.
 */
export default class StepHintSyntax {
  build({ generatedExpressions }: SnippetRequest): string {
    const text = generatedExpressions[0]?.source ?? '';
    const closest = closestStep(text, PATTERNS);
    return `No step is defined as "${text}".${closest === undefined ? '' : ` The closest defined step is "${closest}".`} ${STEPS_DOC} lists every step; a feature needs no code.`;
  }
}
