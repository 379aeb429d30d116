import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { QontakAuth } from '@qontak/auth-core';
import { DEMO_PASSWORD, DEMO_USERNAME, startEmulator } from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const appDir = fileURLToPath(new URL('../..', import.meta.url));

describe('example-express', () => {
  let emulator: Emulator | undefined;
  let auth: QontakAuth | undefined;
  let server: Server | undefined;
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    child = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
      server = undefined;
    }
    await auth?.close();
    auth = undefined;
    await emulator?.close();
    emulator = undefined;
  });

  async function boot(password = DEMO_PASSWORD): Promise<string> {
    emulator = await startEmulator({ port: 0 });
    auth = new QontakAuth({
      baseUrl: emulator.url,
      username: DEMO_USERNAME,
      password,
      retry: { attempts: 1 },
    });
    server = createApp(auth).listen(0, '127.0.0.1');
    await once(server, 'listening');
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('GET /qontak/health answers Qontak health status and body, with one password grant for many calls', async () => {
    const base = await boot();

    const first = await fetch(`${base}/qontak/health`);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      status: 200,
      body: { status: 'success', data: expect.any(Object) },
    });

    const more = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/qontak/health`)));
    expect(more.map((response) => response.status)).toEqual(Array(20).fill(200));
    const stats = emulator!.stats();
    expect(stats.grants.password.ok).toBe(1);
    expect(stats.health[200]).toBe(21);
  });

  it('GET /qontak/health answers 502 { error, message } when Qontak rejects the credentials, without the password', async () => {
    const base = await boot('not-the-demo-password');

    const response = await fetch(`${base}/qontak/health`);
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'invalid_grant', message: expect.any(String) });
    expect(text).not.toContain('not-the-demo-password');
    expect(emulator!.stats().health).toEqual({});
  });

  it('src/main.ts starts on PORT against the embedded emulator and exits cleanly on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    delete env['QONTAK_USERNAME'];
    delete env['QONTAK_PASSWORD'];
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: appDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      proc.once('exit', (code) => reject(new Error(`main.ts exited (${code}) before listening:\n${output}`)));
    });
    expect(output).toMatch(/embedded Qontak emulator at http:\/\/127\.0\.0\.1:\d+/);

    const response = await fetch(`${base}/qontak/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 200, body: { status: 'success' } });

    const exited = once(proc, 'exit');
    proc.kill('SIGTERM');
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
