import { Formatter } from '@cucumber/cucumber';

/**
 * Cucumber's terminal output, made silent: the runner prints the progress and the summary itself,
 * from the findings, so the terminal shows the same counts as every report.
 */
export default class SilentFormatter extends Formatter {}
