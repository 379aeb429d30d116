#!/usr/bin/env node
// `pnpm demo` (a bin of this app, linked at the repository root): builds what the demo needs, then
// runs it. The build prints nothing unless it fails (then its output goes to stderr), so stdout holds
// the demo's own output alone (`pnpm demo --json | jq` works), and the exit code is the demo's.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const rootDir = fileURLToPath(new URL('../../..', import.meta.url));

const build = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=qontak-example...', '--output-logs=errors-only'],
  { cwd: rootDir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
);
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  process.stderr.write(
    `pnpm demo: building the packages failed${build.error ? ` (${build.error.message})` : ''}.\n`,
  );
  process.exit(1);
}
const demo = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...process.argv.slice(2)], {
  cwd: appDir,
  stdio: 'inherit',
});
process.exit(demo.status ?? 1);
