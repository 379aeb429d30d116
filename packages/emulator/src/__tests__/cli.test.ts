import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_TOKEN, DEMO_CHANNEL_INTEGRATION_ID, DEMO_TEMPLATE_ID } from '../index';
import { CLIENT } from './helpers';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];

function runCli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => (text += chunk));
  return () => text;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

async function waitFor(read: () => string, pattern: RegExp, child: ChildProcess): Promise<RegExpExecArray> {
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (child.exitCode !== null) throw new Error(`CLI exited with ${child.exitCode}: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('qontak-emulator CLI', () => {
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the URL and credentials, answers a password grant, and exits 0 on SIGTERM', async () => {
    const child = runCli(['--port', '0', '--token-ttl', '60', '--user', 'ops@example.com:s3cret:with-colon']);
    const stdout = collect(child.stdout);
    const [, url] = await waitFor(stdout, /QONTAK_BASE_URL=(\S+)\n/, child);
    expect(stdout()).toContain('QONTAK_USERNAME=ops@example.com');
    expect(stdout()).toContain('QONTAK_PASSWORD=s3cret:with-colon');
    expect(stdout()).toContain(`QONTAK_CLIENT_ID=${CLIENT.client_id}`);
    expect(stdout()).toContain(`QONTAK_CLIENT_SECRET=${CLIENT.client_secret}`);

    const res = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        username: 'ops@example.com',
        password: 's3cret:with-colon',
        ...CLIENT,
      }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { expires_in: number }).expires_in).toBe(60);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('accepts repeated --access-token flags instead of the demo token and prints the first', async () => {
    const child = runCli(['--access-token', 'first-token', '--access-token', 'second-token']);
    const stdout = collect(child.stdout);
    const [, url] = await waitFor(stdout, /QONTAK_BASE_URL=(\S+)\n/, child);
    await waitFor(stdout, /QONTAK_ACCESS_TOKEN=(\S+)\n/, child);
    expect(stdout()).toContain('QONTAK_ACCESS_TOKEN=first-token');
    const statusWith = async (token: string) =>
      (await fetch(`${url}/api/open/v1/health`, { headers: { Authorization: `Bearer ${token}` } })).status;
    expect(await statusWith('first-token')).toBe(200);
    expect(await statusWith('second-token')).toBe(200);
    expect(await statusWith(DEMO_ACCESS_TOKEN)).toBe(401);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('prints the demo access token and the seeded template and integration ids by default', async () => {
    const child = runCli(['--port', '0']);
    const stdout = collect(child.stdout);
    await waitFor(stdout, /channel_integration_id=\S+.*\n/, child);
    expect(stdout()).toContain(`QONTAK_ACCESS_TOKEN=${DEMO_ACCESS_TOKEN}`);
    expect(stdout()).toContain(`message_template_id=${DEMO_TEMPLATE_ID}`);
    expect(stdout()).toContain(`channel_integration_id=${DEMO_CHANNEL_INTEGRATION_ID}`);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it.each([
    [['--bogus']],
    [['--port', 'abc']],
    [['--user', 'no-colon']],
    [['--token-ttl', '-5']],
    [['--access-token', 'has space']],
  ])('rejects bad flags %j with a message on stderr and exit code 2', async (args) => {
    const child = runCli(args);
    const stderr = collect(child.stderr);
    expect(await exitOf(child)).toBe(2);
    expect(stderr()).toMatch(/^qontak-emulator: .+/);
    expect(stderr()).toContain('Usage: qontak-emulator');
  });

  it('warns on stderr when bound to a non-loopback host', async () => {
    const child = runCli(['--port', '0', '--host', '0.0.0.0']);
    const stderr = collect(child.stderr);
    const stdout = collect(child.stdout);
    await waitFor(stdout, /QONTAK_BASE_URL=(\S+)\n/, child);
    await waitFor(stderr, /not a loopback address/, child);
    expect(stderr().match(/not a loopback address/g)).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('prints usage for --help and exits 0', async () => {
    const child = runCli(['--help']);
    const stdout = collect(child.stdout);
    expect(await exitOf(child)).toBe(0);
    expect(stdout()).toContain('--token-ttl SECONDS');
  });
});

describe('qontak-emulator --control-api', () => {
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('is controlled over HTTP: stats, revoke, faults and reset, at the URL it prints', async () => {
    const child = runCli(['--port', '0', '--control-api']);
    const stdout = collect(child.stdout);
    const [, url] = await waitFor(stdout, /QONTAK_BASE_URL=(\S+)\n/, child);
    const [, controlUrl] = await waitFor(stdout, /Control API: (\S+)\n/, child);
    expect(controlUrl).toBe(`${url}/_emulator`);
    const json = { 'content-type': 'application/json' };
    const health = async () =>
      (
        await fetch(`${url}/api/open/v1/health`, {
          headers: { Authorization: `Bearer ${DEMO_ACCESS_TOKEN}` },
        })
      ).status;

    expect(await health()).toBe(200);
    const revoked = await fetch(`${controlUrl}/revoke`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token: DEMO_ACCESS_TOKEN }),
    });
    expect(await revoked.json()).toEqual({ revoked: 1 });
    expect(await health()).toBe(401);

    const fault = await fetch(`${controlUrl}/faults`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ route: 'health', fault: { type: 'status', status: 503 } }),
    });
    expect(fault.status).toBe(201);
    expect(await health()).toBe(503);

    const stats = (await (await fetch(`${controlUrl}/stats`)).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ requests: 3, faultsServed: 1, health: { 200: 1, 401: 1 } });

    expect((await fetch(`${controlUrl}/reset`, { method: 'POST', headers: json })).status).toBe(200);
    expect(await health()).toBe(200);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('is off without the flag', async () => {
    const child = runCli(['--port', '0']);
    const stdout = collect(child.stdout);
    const [, url] = await waitFor(stdout, /QONTAK_BASE_URL=(\S+)\n/, child);
    expect(stdout()).not.toContain('Control API');
    expect((await fetch(`${url}/_emulator/stats`)).status).toBe(404);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('refuses to start with --control-api on a non-loopback host (exit 2)', async () => {
    const child = runCli(['--port', '0', '--host', '0.0.0.0', '--control-api']);
    const stderr = collect(child.stderr);
    expect(await exitOf(child)).toBe(2);
    expect(stderr()).toMatch(/^qontak-emulator: --control-api needs a loopback --host/);
  });
});
