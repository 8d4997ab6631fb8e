#!/usr/bin/env node
// `npx wirecheck --host H --port P [--tags EXPR] [--report-dir DIR]`: the conformance suite
// against any server, from any folder; the reports go to ./reports there. Plain JavaScript, so
// that node runs it as is: it registers tsx's loader, then runs the TypeScript CLI. Paths are
// resolved from this file, so it works wherever npm installed the package.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/conformance.ts', import.meta.url).href);
