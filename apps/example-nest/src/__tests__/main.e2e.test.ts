import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const appDir = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

/** Starts `tsx src/main.ts` (what `pnpm start` runs) on a free port; resolves with the URL it prints. */
function startMain(env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: appDir, env });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (\S+):/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`main.ts exited with ${code}: ${output}`)));
  });
}

describe('pnpm start (tsx src/main.ts)', () => {
  it('serves both routes against the embedded emulator when no Qontak credentials are set', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    for (const name of [
      'QONTAK_BASE_URL',
      'QONTAK_USERNAME',
      'QONTAK_PASSWORD',
      'QONTAK_CLIENT_ID',
      'QONTAK_CLIENT_SECRET',
    ])
      delete env[name];
    const url = await startMain(env);

    const qontak = await fetch(`${url}/qontak/health`);
    expect(qontak.status).toBe(200);
    expect(await qontak.json()).toMatchObject({ status: 200, body: { status: 'success' } });

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { qontak: { status: 'up' } } });
  });
});
