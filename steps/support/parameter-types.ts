import { defineParameterType } from '@cucumber/cucumber';

/** One or more quoted fixture names: `"a/b"`, `"a/b" and "a/c"`, `"a", "b" and "c"`. */
defineParameterType({
  name: 'fixtures',
  regexp: /"[^"]+"(?:(?:, | and )"[^"]+")*/,
  transformer: (text: string) => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]!),
});

/** A list of status codes: `200, 201 and 404`. */
defineParameterType({
  name: 'statuses',
  regexp: /\d{3}(?:(?:, | and )\d{3})*/,
  transformer: (text: string) => text.split(/, | and /).map(Number),
});
