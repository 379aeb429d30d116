import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The app folder: the child runs `src/main.ts` from here, as `pnpm start` does. */
const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** What a finished child process left behind. */
export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the demo as a child process (`node --import tsx src/main.ts ...args`) with `env` as its whole
 * `QONTAK_*` and `MEKARI_*` environment (the parent's are removed), and resolves when it exits.
 */
export function runMain(args: readonly string[], env: Record<string, string> = {}): Promise<ChildResult> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('QONTAK_') && !name.startsWith('MEKARI_'),
    ),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: APP_DIR,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
