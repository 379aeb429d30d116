import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { authFor, emulator } from './support/emulator-fixture';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** Runs an ESM script against the built package; resolves with its exit code (or 'hung'). */
function runScript(
  source: string,
  limitMs = 15_000,
): Promise<{ code: number | null | 'hung'; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { cwd: packageDir });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: 'hung', output });
    }, limitMs);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

describe('QontakAuth.close', () => {
  it('an idle QontakAuth with a cached token never keeps the process alive', async () => {
    const result = await runScript(`
      import { startEmulator } from '@qontak/emulator';
      import { QontakAuth } from './dist/index.js';
      const server = await startEmulator();
      const auth = new QontakAuth({ baseUrl: server.url, username: 'demo@example.com', password: 'demo-password' });
      await auth.getAccessToken();
      await server.close();
      console.log('done');
    `);
    expect(result).toEqual({ code: 0, output: 'done\n' });
  });

  it('a QontakAuth waiting between retries does not keep the process alive once closed', async () => {
    const result = await runScript(`
      import { startEmulator } from '@qontak/emulator';
      import { QontakAuth } from './dist/index.js';
      const server = await startEmulator();
      server.faults.inject('token', { type: 'status', status: 503 }, 100);
      const auth = new QontakAuth({ baseUrl: server.url, username: 'demo@example.com', password: 'demo-password',
        retry: { attempts: 10, baseDelayMs: 60000, maxDelayMs: 60000, maxElapsedMs: 600000 } });
      const pending = auth.getAccessToken().catch((error) => console.log(error.code));
      setTimeout(async () => { await auth.close(); await server.close(); }, 300);
      await pending;
    `);
    expect(result).toEqual({ code: 0, output: 'config_error\n' });
  });

  it('keeps the process alive while a caller awaits a retry, so the caller sees the error', async () => {
    const result = await runScript(`
      import { QontakAuth } from './dist/index.js';
      const auth = new QontakAuth({ baseUrl: 'http://127.0.0.1:9', username: 'u', password: 'p',
        retry: { attempts: 3, baseDelayMs: 400, maxDelayMs: 400 } });
      try { await auth.getAccessToken(); } catch (error) { console.log(error.code); }
    `);
    expect(result).toEqual({ code: 0, output: 'network_error\n' });
  });

  it('rejects calls after close() with config_error', async () => {
    const server = await emulator();
    const auth = authFor(server);
    await auth.getAccessToken();
    await auth.close();
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'config_error' });
  });
});
