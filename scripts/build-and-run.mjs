// The bins of the example apps (`pnpm demo`, `pnpm chatbot`, linked at the repository root): build the
// packages the app needs, then run its `src/main.ts` with the command's arguments. The build prints
// nothing unless it fails (then its output goes to stderr), so stdout holds the app's own output alone
// (`pnpm demo --json | jq` works), and the exit code is the app's.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds `packageName` and its dependencies with turbo, then runs `src/main.ts` of `appDir` under tsx,
 * and exits with its code (1 when the build failed, after printing why, as `pnpm <command>: ...`).
 */
export function buildAndRun(command, packageName, appDir) {
  const build = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', `--filter=${packageName}...`, '--output-logs=errors-only'],
    { cwd: rootDir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    process.stderr.write(
      `pnpm ${command}: building the packages failed${build.error ? ` (${build.error.message})` : ''}.\n`,
    );
    process.exit(1);
  }
  const app = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...process.argv.slice(2)], {
    cwd: appDir,
    stdio: 'inherit',
  });
  process.exit(app.status ?? 1);
}
