import {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_TEMPLATE_ID,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
  startEmulator,
} from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { runMain, type ChildResult } from './run-main';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const WRONG_PASSWORD = 'not-the-demo-password-7f3a';
/** A run of base64url characters as long as an access or refresh token: must never be printed. */
const WHOLE_TOKEN = /[A-Za-z0-9_-]{32,}/;
const PREVIEW = /[A-Za-z0-9_-]{4}…[A-Za-z0-9_-]{3}/;

/** A UUID: the ids of templates, channels and broadcasts (long, but not secrets). */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** What the demo printed, without Qontak's public fulfillment client id and the ids of what it sent (long, but not secrets). */
function output(result: ChildResult): string {
  return (result.stdout + result.stderr)
    .replaceAll(FULFILLMENT_CLIENT_ID, '<client id>')
    .replace(UUID, '<id>');
}

function envFor(emulator: Emulator, password: string): Record<string, string> {
  return {
    QONTAK_BASE_URL: emulator.url,
    QONTAK_USERNAME: DEMO_USERNAME,
    QONTAK_PASSWORD: password,
    QONTAK_CLIENT_ID: FULFILLMENT_CLIENT_ID,
    QONTAK_CLIENT_SECRET: FULFILLMENT_CLIENT_SECRET,
  };
}

describe('pnpm demo (src/main.ts as a child process)', () => {
  let emulator: Emulator | undefined;

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('without credentials starts the embedded emulator, says so in one line, prints the health body and exits 0', async () => {
    const result = await runMain([]);

    expect(result.code, result.stderr).toBe(0);
    expect(
      result.stdout.split('\n').filter((line) => line.includes('embedded Qontak emulator')),
    ).toHaveLength(1);
    expect(result.stdout).toContain('used with a Qontak account (password grant)');
    expect(result.stdout).toMatch(
      /Credentials sent: authorization: Bearer [A-Za-z0-9_-]{4}…[A-Za-z0-9_-]{3}\n/,
    );
    expect(result.stdout).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/open\/v1\/health -> 200/);
    expect(result.stdout).toContain('"status": "success"');
    expect(result.stdout).toMatch(
      /Sent template [\w-]+ to 6281234567890: broadcast [\w-]+, delivery log: pending\n/,
    );
    expect(output(result)).not.toMatch(WHOLE_TOKEN);
    expect(output(result)).not.toContain(DEMO_PASSWORD);
  });

  it('with a wrong password for a separately started emulator exits 1 with the wrong-credentials line', async () => {
    emulator = await startEmulator({ port: 0 });

    const result = await runMain([], envFor(emulator, WRONG_PASSWORD));

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Qontak rejected the username or password (invalid_grant, HTTP 400): check QONTAK_USERNAME and QONTAK_PASSWORD.\n',
    );
    expect(output(result)).not.toContain(WRONG_PASSWORD);
    expect(output(result)).not.toMatch(WHOLE_TOKEN);
    expect(emulator.stats().grants.password).toEqual({ ok: 0, failed: 1 });
  });

  it('with the right credentials talks to the configured server, not an embedded one', async () => {
    emulator = await startEmulator({ port: 0 });

    const result = await runMain([], envFor(emulator, DEMO_PASSWORD));

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Using ${emulator.url}`);
    expect(result.stdout).not.toContain('embedded');
    expect(output(result)).not.toMatch(WHOLE_TOKEN);
    expect(output(result)).not.toContain(DEMO_PASSWORD);
    const stats = emulator.stats();
    expect(stats.grants.password).toEqual({ ok: 1, failed: 0 });
    expect(stats.health[200]).toBe(1);
  });

  it('--json prints one parseable success result', async () => {
    emulator = await startEmulator({ port: 0 });

    const result = await runMain(['--json'], envFor(emulator, DEMO_PASSWORD));

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const parsed: unknown = JSON.parse(result.stdout);
    expect(parsed).toEqual({
      ok: true,
      baseUrl: emulator.url,
      emulator: false,
      auth: expect.objectContaining({
        scheme: 'password',
        password: '[redacted]',
        token: expect.objectContaining({
          accessToken: '[redacted]',
          expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        }),
      }),
      credentials: { authorization: expect.stringMatching(PREVIEW) },
      health: {
        url: `${emulator.url}/api/open/v1/health`,
        status: 200,
        body: expect.objectContaining({ status: 'success' }),
      },
      broadcast: null,
    });
    expect(emulator.sent()).toEqual([]);
    expect(output(result)).not.toMatch(WHOLE_TOKEN);
    expect(output(result)).not.toContain(DEMO_PASSWORD);
  });

  it('--json without credentials reports the embedded emulator', async () => {
    const result = await runMain(['--json']);

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, emulator: true, health: { status: 200 } });
    expect(output(result)).not.toMatch(WHOLE_TOKEN);
  });

  it('--json on a wrong password prints { ok: false, error } and exits 1', async () => {
    emulator = await startEmulator({ port: 0 });

    const result = await runMain(['--json'], envFor(emulator, WRONG_PASSWORD));

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      error: { code: 'invalid_grant', message: expect.stringContaining('QONTAK_PASSWORD') },
    });
    expect(output(result)).not.toContain(WRONG_PASSWORD);
  });

  it('with a wrong client secret exits 1 naming invalid_client', async () => {
    emulator = await startEmulator({ port: 0 });

    const result = await runMain([], {
      ...envFor(emulator, DEMO_PASSWORD),
      QONTAK_CLIENT_SECRET: 'wrong-client-secret',
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Qontak rejected the OAuth client id or secret \(invalid_client, HTTP 401\): check QONTAK_CLIENT_ID and QONTAK_CLIENT_SECRET/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(output(result)).not.toContain('wrong-client-secret');
    expect(output(result)).not.toContain(DEMO_PASSWORD);
  });

  it('with an unreachable server exits 1 naming network_error', async () => {
    const stopped = await startEmulator({ port: 0 });
    await stopped.close();

    const result = await runMain([], envFor(stopped, DEMO_PASSWORD));

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Cannot reach ${stopped.url} (network_error): check QONTAK_BASE_URL (MEKARI_BASE_URL for the gateway) and your network connection.\n`,
    );
  });

  it('with only one of QONTAK_USERNAME and QONTAK_PASSWORD set exits 1 naming the missing variable', async () => {
    const result = await runMain([], { QONTAK_USERNAME: DEMO_USERNAME });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('config_error');
    expect(result.stderr).toContain('add QONTAK_PASSWORD');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('with two kinds of credential set exits 1 naming what to remove', async () => {
    const result = await runMain([], {
      QONTAK_ACCESS_TOKEN: 'a-dashboard-token',
      MEKARI_CLIENT_ID: 'id',
      MEKARI_CLIENT_SECRET: 's',
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /config_error.*more than one scheme.*QONTAK_ACCESS_TOKEN.*MEKARI_CLIENT_ID and MEKARI_CLIENT_SECRET/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each(['access-token', 'mekari-hmac'] as const)(
    '--scheme %s runs the embedded emulator with that credential',
    async (scheme) => {
      const result = await runMain(['--scheme', scheme]);

      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/Credentials sent: .*authorization: (Bearer|hmac)/);
      expect(result.stdout).toMatch(/-> 200\n/);
      expect(output(result)).not.toMatch(WHOLE_TOKEN);
    },
  );

  it('refuses --scheme when credential variables are set, and an unknown scheme', async () => {
    expect((await runMain(['--scheme', 'password'], { QONTAK_ACCESS_TOKEN: 'a-dashboard-token' })).code).toBe(
      2,
    );
    const unknown = await runMain(['--scheme', 'kerberos']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--scheme takes one of password, access-token, mekari-hmac');
  });

  it('with real credentials sends a template message only when asked, all three of --send-to, --template and --channel', async () => {
    emulator = await startEmulator({ port: 0 });
    const partial = await runMain(['--send-to', '6281234567890'], envFor(emulator, DEMO_PASSWORD));
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('needs --send-to, --template and --channel together');
    const sent = await runMain(
      [
        '--send-to',
        '6281234567890',
        '--template',
        DEMO_TEMPLATE_ID,
        '--channel',
        DEMO_CHANNEL_INTEGRATION_ID,
        '--param',
        'Rina',
        '--param',
        'INV-1',
      ],
      envFor(emulator, DEMO_PASSWORD),
    );
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/Sent template .* to 6281234567890: broadcast /);
    expect(emulator.sent()).toHaveLength(1);
  });

  it('rejects an unknown argument with the usage line and exit code 2', async () => {
    const result = await runMain(['--frobnicate']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: pnpm demo [--json] [--scheme');
  });
});
