#!/usr/bin/env node
// `pnpm chatbot` (a bin of this app, linked at the repository root): builds what the chatbot needs, then runs it.
import { fileURLToPath } from 'node:url';
import { buildAndRun } from '../../../scripts/build-and-run.mjs';

buildAndRun('chatbot', 'qontak-example-chatbot', fileURLToPath(new URL('..', import.meta.url)));
