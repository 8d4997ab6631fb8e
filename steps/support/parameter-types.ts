import { defineParameterType } from '@cucumber/cucumber';
import { PARAMETER_TYPES } from '../../src/harness/step-vocabulary.js';

// `{fixtures}` (one or more quoted fixture names) and `{statuses}` (a list of status codes),
// defined where the step vocabulary also reads them to tell whether a step has a definition.
for (const type of PARAMETER_TYPES) defineParameterType(type);
