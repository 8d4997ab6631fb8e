// Plain `npx cucumber-js` (cucumber.js imports this first, in each process that loads the
// steps): node cannot load TypeScript by itself, so tsx's loader is registered before the
// steps are. `npm run conformance` starts Cucumber with tsx already loaded.
import { register } from 'tsx/esm/api';

register();
