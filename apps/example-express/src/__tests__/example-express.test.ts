import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { QontakAuth } from '@qontak/auth-core';
import { DEMO_PASSWORD, DEMO_USERNAME, startEmulator } from '@qontak/emulator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type ExampleLogger } from '../app';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const appDir = fileURLToPath(new URL('../..', import.meta.url));
const WRONG_PASSWORD = 'not-the-demo-password';
const BAD_GATEWAY_BODY = { error: 'bad_gateway', message: 'The upstream service refused this request.' };
const UNAVAILABLE_BODY = {
  error: 'service_unavailable',
  message: 'The upstream service is unavailable; try again later.',
};
const INTERNAL_BODY = {
  error: 'internal_server_error',
  message: 'The server could not handle this request.',
};

interface LogEntry {
  message: string;
  context: Record<string, unknown>;
}

/** What an end user must never read in a production answer. */
function expectNoInternalDetail(text: string, qontakUrl: string): void {
  const { hostname, port } = new URL(qontakUrl);
  for (const detail of [port, hostname, 'ECONNREFUSED', 'invalid_grant', 'network_error', WRONG_PASSWORD]) {
    expect(text).not.toContain(detail);
  }
  expect(text).not.toMatch(/username|password|qontak|token|stack|at .*\.(ts|js):\d+/i);
}

describe('example-express', () => {
  let emulator: Emulator | undefined;
  let auth: QontakAuth | undefined;
  let server: Server | undefined;
  let child: ChildProcess | undefined;

  afterEach(async () => {
    vi.unstubAllEnvs();
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

  /** Starts the emulator and the app in this process; `env` is set with `app.set('env', env)` when given. */
  async function boot(
    options: { password?: string; env?: string } = {},
  ): Promise<{ base: string; log: LogEntry[] }> {
    emulator = await startEmulator({ port: 0 });
    auth = new QontakAuth({
      baseUrl: emulator.url,
      username: DEMO_USERNAME,
      password: options.password ?? DEMO_PASSWORD,
      retry: { attempts: 1 },
    });
    const log: LogEntry[] = [];
    const logger: ExampleLogger = { error: (message, context) => log.push({ message, context }) };
    const app = createApp(auth, { logger });
    if (options.env !== undefined) app.set('env', options.env);
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log };
  }

  /** Runs `src/main.ts` with `env` and resolves once it listens, with its base URL and output so far. */
  async function startMain(env: NodeJS.ProcessEnv): Promise<{ base: string; output: () => string }> {
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
    return { base, output: () => output };
  }

  it('GET /qontak/health answers Qontak health status and body, with one password grant for many calls', async () => {
    const { base } = await boot();

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

  it('in production, answers rejected credentials with a generic 502 and logs invalid_grant', async () => {
    const { base, log } = await boot({ password: WRONG_PASSWORD, env: 'production' });

    const response = await fetch(`${base}/qontak/health`);
    expect(response.status).toBe(502);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual(BAD_GATEWAY_BODY);
    expectNoInternalDetail(text, emulator!.url);
    expect(log.map((entry) => entry.context)).toEqual([
      expect.objectContaining({ code: 'invalid_grant', status: 502, method: 'GET', path: '/qontak/health' }),
    ]);
    expect(JSON.stringify(log)).not.toContain(WRONG_PASSWORD);
    expect(emulator!.stats().health).toEqual({});
  });

  it('in development, answers rejected credentials with 502 { error: code, message }, without the password', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const { base, log } = await boot({ password: WRONG_PASSWORD, env: 'development' });

    const response = await fetch(`${base}/qontak/health`);
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: 'invalid_grant',
      message: expect.stringMatching(/check the username and password/),
    });
    expect(text).not.toContain(WRONG_PASSWORD);
    expect(log).toHaveLength(1);
    expect(emulator!.stats().health).toEqual({});
  });

  it('in production, answers a failed health call with a generic 500 and no stack trace, and logs it', async () => {
    const { base, log } = await boot({ env: 'production' });
    emulator!.faults.inject('health', { type: 'drop' }, 5);

    const response = await fetch(`${base}/qontak/health`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual(INTERNAL_BODY);
    expectNoInternalDetail(text, emulator!.url);
    expect(log).toEqual([
      {
        message: expect.stringContaining('GET /qontak/health answered 500'),
        context: { status: 500, message: expect.any(String), method: 'GET', path: '/qontak/health' },
      },
    ]);
  });

  it('src/main.ts starts on PORT against the embedded emulator and exits cleanly on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    delete env['QONTAK_USERNAME'];
    delete env['QONTAK_PASSWORD'];
    const { base, output } = await startMain(env);
    expect(output()).toMatch(/embedded Qontak emulator at http:\/\/127\.0\.0\.1:\d+/);

    const response = await fetch(`${base}/qontak/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 200, body: { status: 'success' } });

    const proc = child!;
    const exited = once(proc, 'exit');
    proc.kill('SIGTERM');
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  it.each([
    ['NODE_ENV=production', 'production'],
    ['NODE_ENV unset', undefined],
  ])(
    'src/main.ts with %s answers an unreachable Qontak with the generic 503 and logs the detail to stderr',
    async (_label, nodeEnv) => {
      const deadUrl = await unusedLoopbackUrl();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: '0',
        QONTAK_BASE_URL: deadUrl,
        QONTAK_USERNAME: DEMO_USERNAME,
        QONTAK_PASSWORD: WRONG_PASSWORD,
      };
      if (nodeEnv === undefined) delete env['NODE_ENV'];
      else env['NODE_ENV'] = nodeEnv;
      const { base, output } = await startMain(env);
      expect(output()).toContain(`(env ${nodeEnv ?? 'development'};`);

      const response = await fetch(`${base}/qontak/health`);
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(JSON.parse(text)).toEqual(UNAVAILABLE_BODY);
      expectNoInternalDetail(text, deadUrl);

      await vi.waitFor(() => expect(output()).toContain('GET /qontak/health answered 503 (network_error)'));
      expect(output()).toContain(`${deadUrl}: ECONNREFUSED`);
      expect(output()).not.toContain(WRONG_PASSWORD);
    },
  );
});

/** A loopback URL on a port that was free a moment ago, so connecting to it is refused. */
async function unusedLoopbackUrl(): Promise<string> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
