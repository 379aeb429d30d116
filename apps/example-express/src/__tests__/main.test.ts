import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { QONTAK_CREDENTIAL_VARIABLES } from '@qontak/auth-core';
import {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_PASSWORD,
  DEMO_TEMPLATE_ID,
  DEMO_USERNAME,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unusedLoopbackUrl } from 'qontak-test-support';
import { schemeNamed, schemes } from './schemes';

const appDir = fileURLToPath(new URL('../..', import.meta.url));
const WRONG_PASSWORD = 'not-the-demo-password';
const UNAVAILABLE_BODY = {
  error: 'service_unavailable',
  message: 'The upstream service is unavailable; try again later.',
};

/** This process's environment without any Qontak credential, scheme choice or base URL, on a free port. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
  for (const name of [
    ...QONTAK_CREDENTIAL_VARIABLES,
    'QONTAK_EMULATOR_SCHEME',
    'QONTAK_BASE_URL',
    'MEKARI_BASE_URL',
  ]) {
    delete env[name];
  }
  return { ...env, ...extra };
}

/** POSTs `body` as JSON to the app's `/qontak/messages`; the status and the parsed answer. */
async function postMessage(base: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}/qontak/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('example-express src/main.ts', () => {
  let child: ChildProcess | undefined;
  let emulator: QontakEmulator | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    child = undefined;
    await emulator?.close();
    emulator = undefined;
  });

  function spawnMain(env: NodeJS.ProcessEnv, args: readonly string[] = []) {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: appDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { proc, output: () => output };
  }

  /** Runs `src/main.ts` and resolves once it listens, with its base URL and output so far. */
  async function startMain(
    env: NodeJS.ProcessEnv,
    args: readonly string[] = [],
  ): Promise<{ base: string; output: () => string }> {
    const { proc, output } = spawnMain(env, args);
    const base = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output());
        if (match?.[1]) resolve(match[1]);
      });
      proc.once('exit', (code) =>
        reject(new Error(`main.ts exited (${code}) before listening:\n${output()}`)),
      );
    });
    return { base, output };
  }

  /** Runs `src/main.ts` to its exit; resolves with its exit code and output. */
  async function runMain(env: NodeJS.ProcessEnv, args: readonly string[] = []) {
    const { proc, output } = spawnMain(env, args);
    const [code] = (await once(proc, 'exit')) as [number | null];
    return { code, output: output() };
  }

  async function stopMain(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const proc = child!;
    const exited = once(proc, 'exit');
    proc.kill('SIGTERM');
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    return { code, signal };
  }

  describe.each(schemes)('against the embedded emulator with a $name', (scheme) => {
    it(`QONTAK_EMULATOR_SCHEME=${scheme.scheme}: serves every route, messages to the demo template by default, and exits cleanly on SIGTERM`, async () => {
      const { base, output } = await startMain(cleanEnv({ QONTAK_EMULATOR_SCHEME: scheme.scheme }));
      expect(output()).toMatch(/embedded Qontak emulator at http:\/\/127\.0\.0\.1:\d+/);
      expect(output()).toContain(`(--scheme ${scheme.scheme})`);

      const health = await fetch(`${base}/qontak/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({
        status: 200,
        body: { status: 'success', data: expect.objectContaining(scheme.healthData) },
      });
      const templates = await fetch(`${base}/qontak/templates`);
      expect(templates.status).toBe(200);
      expect(await templates.json()).toMatchObject({ status: 200, body: { status: 'success' } });
      const message = await postMessage(base, {
        to: '6281234567890',
        name: 'Rina',
        params: ['Rina', 'INV-1001'],
      });
      expect(message).toEqual({ status: 201, body: { broadcastId: expect.any(String) } });

      expect(await stopMain()).toEqual({ code: 0, signal: null });
    });
  });

  it('defaults to the password grant, and --scheme wins over QONTAK_EMULATOR_SCHEME', async () => {
    const byDefault = await startMain(cleanEnv());
    expect(byDefault.output()).toContain('with its demo credential (--scheme password)');
    const bearer = (await (await fetch(`${byDefault.base}/qontak/health`)).json()) as {
      body: { data: unknown };
    };
    expect(bearer.body.data).toEqual(expect.objectContaining(schemeNamed('password').healthData));
    expect(await stopMain()).toEqual({ code: 0, signal: null });

    const { base, output } = await startMain(cleanEnv({ QONTAK_EMULATOR_SCHEME: 'password' }), [
      '--scheme',
      'mekari-hmac',
    ]);
    expect(output()).toContain('with its demo credential (--scheme mekari-hmac)');
    const health = (await (await fetch(`${base}/qontak/health`)).json()) as { body: { data: unknown } };
    expect(health.body.data).toEqual(expect.objectContaining(schemeNamed('mekari-hmac').healthData));
  });

  describe.each(schemes)('against Qontak with a $name in the environment (authFromEnv)', (scheme) => {
    it('calls that Qontak with that credential, sends a WhatsApp template, and starts no emulator', async () => {
      emulator = await startEmulator({ port: 0 });
      const { base, output } = await startMain(
        cleanEnv({ ...emulator.demoEnv(scheme.scheme), QONTAK_EMULATOR_SCHEME: 'mekari-hmac' }),
      );
      expect(output()).not.toContain('embedded');

      const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(`${base}/qontak/health`)));
      const unnamed = await postMessage(base, { to: '6281234567890', name: 'Rina', params: ['Rina', 'A1'] });
      const message = await postMessage(base, {
        to: '6281234567890',
        name: 'Rina',
        templateId: DEMO_TEMPLATE_ID,
        channelId: DEMO_CHANNEL_INTEGRATION_ID,
        params: ['Rina', 'INV-1001'],
      });

      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
      expect(unnamed).toEqual({
        status: 400,
        body: { error: 'bad_request', messages: ['templateId is required', 'channelId is required'] },
      });
      expect(message).toEqual({ status: 201, body: { broadcastId: expect.any(String) } });
      expect(emulator.sent()).toEqual([
        expect.objectContaining({
          id: (message.body as { broadcastId: string }).broadcastId,
          credential: scheme.credential,
          message_template_id: DEMO_TEMPLATE_ID,
          channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
          language: { code: 'id' },
        }),
      ]);
      const stats = emulator.stats();
      expect(scheme.healthAnswers(stats)).toEqual({ 200: 10 });
      expect(stats.grants.total).toBe(scheme.grants);
      for (const secret of scheme.secrets) expect(output()).not.toContain(secret);
    });
  });

  it.each([
    ['NODE_ENV=production', 'production'],
    ['NODE_ENV unset', undefined],
  ])(
    'with %s answers an unreachable Qontak with the generic 503 and logs the detail to stderr',
    async (_label, nodeEnv) => {
      const deadUrl = await unusedLoopbackUrl();
      const env = cleanEnv({
        QONTAK_BASE_URL: deadUrl,
        QONTAK_USERNAME: DEMO_USERNAME,
        QONTAK_PASSWORD: WRONG_PASSWORD,
      });
      if (nodeEnv === undefined) delete env['NODE_ENV'];
      else env['NODE_ENV'] = nodeEnv;
      const { base, output } = await startMain(env);
      expect(output()).toContain(`(env ${nodeEnv ?? 'development'};`);

      const response = await fetch(`${base}/qontak/health`);
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(JSON.parse(text)).toEqual(UNAVAILABLE_BODY);
      expect(text).not.toContain(new URL(deadUrl).port);

      await vi.waitFor(() => expect(output()).toContain('GET /qontak/health answered 503 (network_error)'));
      expect(output()).toContain(`${deadUrl}: ECONNREFUSED`);
      expect(output()).not.toContain(WRONG_PASSWORD);
    },
  );

  it('exits 2 with the usage line for an unknown scheme', async () => {
    const { code, output } = await runMain(cleanEnv(), ['--scheme', 'kerberos']);

    expect(code).toBe(2);
    expect(output).toContain('Unknown scheme "kerberos": use one of password, access-token, mekari-hmac.');
    expect(output).toContain('Usage: pnpm start [--scheme password|access-token|mekari-hmac]');
  });

  it('exits 1 with a config_error naming what to add when half a credential is set', async () => {
    const { code, output } = await runMain(cleanEnv({ QONTAK_USERNAME: DEMO_USERNAME }));

    expect(code).toBe(1);
    expect(output).toMatch(
      /QontakAuthError: authFromEnv: QONTAK_USERNAME is set but QONTAK_PASSWORD is missing/,
    );
    expect(output).not.toContain(DEMO_PASSWORD);
  });
});
