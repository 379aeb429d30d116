#!/usr/bin/env node
// `pnpm chatbot` (a bin of this app, linked at the repository root): builds what the chatbot needs, then
// runs it. The build prints nothing unless it fails (then its output goes to stderr), so stdout holds
// the exchange alone, and the exit code is the chatbot's.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const rootDir = fileURLToPath(new URL('../../..', import.meta.url));

const build = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=qontak-example-chatbot...', '--output-logs=errors-only'],
  { cwd: rootDir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
);
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  process.stderr.write(
    `pnpm chatbot: building the packages failed${build.error ? ` (${build.error.message})` : ''}.\n`,
  );
  process.exit(1);
}
const chatbot = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...process.argv.slice(2)], {
  cwd: appDir,
  stdio: 'inherit',
});
process.exit(chatbot.status ?? 1);
