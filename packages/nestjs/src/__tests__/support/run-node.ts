import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package folder: scripts run there, so `@qontak/nestjs` resolves to this package's built `dist/`. */
export const packageDir = fileURLToPath(new URL('../../..', import.meta.url));

/** Whether `dist/` has been built (the tests that spawn `node` need it: `pnpm build` or turbo's `test`). */
export function assertBuilt(): void {
  for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/terminus.js', 'dist/terminus.cjs']) {
    if (!existsSync(`${packageDir}/${file}`))
      throw new Error(`${file} is missing: build the package first (pnpm exec tsup).`);
  }
}

/** Runs `source` in a new `node` process (ESM with `module: true`, else CommonJS); resolves with its exit code, or 'hung' after `limitMs`. */
export function runNode(
  source: string,
  { module, limitMs = 20_000 }: { module: boolean; limitMs?: number },
): Promise<{ code: number | null | 'hung'; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const args = [`--input-type=${module ? 'module' : 'commonjs'}`, '-e', source];
    const child = spawn(process.execPath, args, {
      cwd: packageDir,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: 'hung', stdout, stderr });
    }, limitMs);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}
