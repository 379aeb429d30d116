#!/usr/bin/env node
// `pnpm demo` (a bin of this app, linked at the repository root): builds what the demo needs, then runs it.
import { fileURLToPath } from 'node:url';
import { buildAndRun } from '../../../scripts/build-and-run.mjs';

buildAndRun('demo', 'qontak-example', fileURLToPath(new URL('..', import.meta.url)));
