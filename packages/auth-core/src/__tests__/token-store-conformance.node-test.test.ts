import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** The suite registered with node:test's own describe and it, on the stores named by STORES. */
const RUN = `
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
const load = (path) => import(pathToFileURL(process.env.SOURCE_DIR + path).href);
const { describeTokenStore } = await load('testing.ts');
const test = { describe, it };
if (process.env.STORES === 'broken') {
  const { NonExclusiveLockStore } = await load('__tests__/support/broken-token-stores.ts');
  describeTokenStore('NonExclusiveLockStore', () => new NonExclusiveLockStore(), { test });
} else {
  const { MemoryTokenStore } = await load('stores/memory-token-store.ts');
  const { FileTokenStore } = await load('stores/file-token-store.ts');
  describeTokenStore('MemoryTokenStore', () => new MemoryTokenStore(), { test, lock: false });
  describeTokenStore('FileTokenStore', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'qontak-node-test-'));
    return { store: new FileTokenStore(join(directory, 'tokens.json')), cleanup: () => rm(directory, { recursive: true, force: true }) };
  }, { test, lockScope: 'store', dropsExpiredTokens: true });
}
`;

interface RunResult {
  /** The exit code and node:test's closing counts. */
  summary: { code: number | null; pass: number; fail: number };
  output: string;
}

function runUnderNodeTest(stores: 'good' | 'broken'): Promise<RunResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test-reporter=tap', '--input-type=module', '-e', RUN],
    {
      cwd: PACKAGE_DIR,
      env: { ...process.env, SOURCE_DIR: SOURCE, STORES: stores },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node:test run hung\n${output}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? NaN);
      resolve({ summary: { code, pass: count('pass'), fail: count('fail') }, output });
    });
  });
}

describe('the TokenStore conformance suite under node:test', () => {
  it('passes MemoryTokenStore (10 checks) and FileTokenStore (18 checks) with node:test as the runner', async () => {
    const { summary, output } = await runUnderNodeTest('good');
    expect(summary, output).toEqual({ code: 0, pass: 28, fail: 0 });
  });

  it('reports a non-exclusive lock as 6 failed checks of 18, and exits non-zero', async () => {
    const { summary, output } = await runUnderNodeTest('broken');
    expect(summary, output).toEqual({ code: 1, pass: 12, fail: 6 });
    expect(output).toContain('not ok 1 - admits one holder at a time among concurrent lockers');
  });
});
