import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

/** `pnpm demo ...args` from the repository root, as the README runs it, with only `env` as credentials. */
function pnpmDemo(args: readonly string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('QONTAK_') && !name.startsWith('MEKARI_'),
    ),
  );
  return spawnSync('pnpm', ['demo', ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('pnpm demo, from the repository root', () => {
  it('--json prints exactly one JSON document on stdout, and nothing of the build', () => {
    const run = pnpmDemo(['--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, emulator: true });
    expect(run.stderr).toBe('');
  });

  it('a failure prints its one line and exits 1, with no package manager lines after it', () => {
    const run = pnpmDemo([], { QONTAK_USERNAME: 'ops@example.com' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^The configuration is not usable \(config_error\)/);
    expect(run.stderr).not.toMatch(/ELIFECYCLE|ERR_PNPM/);
  });
});
