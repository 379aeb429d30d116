import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { QONTAK_CREDENTIAL_VARIABLES } from '@qontak/auth-core';
import { DEMO_ACCESS_TOKEN, startEmulator } from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';

const appDir = fileURLToPath(new URL('../..', import.meta.url));
/** tsx's loader, by URL: `--import tsx` would resolve it from the child's working folder. */
const tsxLoader = pathToFileURL(createRequire(join(appDir, 'package.json')).resolve('tsx')).href;
const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The environment without any Qontak setting, on a free port. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', ...extra };
  for (const name of Object.keys(env)) {
    if (/^(QONTAK|MEKARI)_/.test(name) && !(name in extra)) delete env[name];
  }
  return env;
}

/** POSTs `body` as JSON to the app's `/qontak/messages`; the status and the parsed answer. */
async function postMessage(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/qontak/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * Starts `tsx src/main.ts` (what `pnpm start` runs) in `cwd` (default the app's folder); resolves with
 * its output and the URL it prints.
 */
function startMain(env: NodeJS.ProcessEnv, cwd = appDir): Promise<{ url: string; output: string }> {
  const child = spawn(process.execPath, ['--import', tsxLoader, join(appDir, 'src/main.ts')], {
    cwd,
    env: { ...env, TSX_TSCONFIG_PATH: join(appDir, 'tsconfig.json') },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (\S+):/.exec(output);
      if (match?.[1]) resolve({ url: match[1], output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`main.ts exited with ${code}: ${output}`)));
  });
}

describe('pnpm start (tsx src/main.ts)', () => {
  it.each([
    [{}, 'password'],
    [{ QONTAK_EMULATOR_SCHEME: 'access-token' }, 'access-token'],
    [{ QONTAK_EMULATOR_SCHEME: 'mekari-hmac' }, 'mekari-hmac'],
  ])(
    'serves every route against the embedded emulator when no credentials are set (%o -> %s)',
    async (setting, scheme) => {
      const { url, output } = await startMain(cleanEnv(setting));

      expect(output).toContain(
        `No ${QONTAK_CREDENTIAL_VARIABLES.join('/')} set: using the embedded Qontak emulator at http://127.0.0.1:`,
      );
      expect(output).toContain(`(scheme: ${scheme})`);
      const qontak = await fetch(`${url}/qontak/health`);
      expect(qontak.status).toBe(200);
      expect(await qontak.json()).toMatchObject({ status: 200, body: { status: 'success' } });

      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', info: { qontak: { status: 'up' } } });

      // The embedded emulator's demo template and channel are the defaults.
      const sent = await postMessage(url, {
        to: '6281234567890',
        name: 'Rina',
        params: ['Rina', 'INV-1001'],
      });
      expect(sent).toEqual({ status: 201, body: { broadcastId: expect.any(String) } });
    },
  );

  it('uses the credentials of a .env file in its folder, and starts no embedded emulator', async () => {
    const qontak = await startEmulator();
    cleanups.push(() => qontak.close());
    const dir = await mkdtemp(join(tmpdir(), 'example-nest-env-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(
      join(dir, '.env'),
      `QONTAK_BASE_URL=${qontak.url}\nQONTAK_ACCESS_TOKEN=${DEMO_ACCESS_TOKEN}\n`,
    );

    const { url, output } = await startMain(cleanEnv(), dir);

    expect(output).not.toContain('embedded Qontak emulator');
    expect((await fetch(`${url}/qontak/health`)).status).toBe(200);
    expect(qontak.stats().health).toEqual({ 200: 1 });
  });

  it('exits with a message naming the choices when QONTAK_EMULATOR_SCHEME names no scheme', async () => {
    await expect(startMain(cleanEnv({ QONTAK_EMULATOR_SCHEME: 'kerberos' }))).rejects.toThrow(
      /QONTAK_EMULATOR_SCHEME must be one of password, access-token, mekari-hmac/,
    );
  });
});
