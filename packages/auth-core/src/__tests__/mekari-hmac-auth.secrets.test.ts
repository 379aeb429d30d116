import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { authFromEnv } from '../config/credential-schemes';
import { MekariHmacAuth } from '../mekari/hmac-auth';
import { REDACTED } from '../logging/redaction';
import { emulator, ManualClock } from './support/emulator-fixture';

const SECRET = 'S3ntinel-HmacSecret-c0ffee42';

/** Every way a value can end up in a log line. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? '', String(value)];
  if (value instanceof Error) out.push(value.stack ?? '', value.message, inspect(value.cause, { depth: 10 }));
  return out;
}

function thrown(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('MekariHmacAuth secrets', () => {
  it('shows the client secret as [redacted] in inspect, JSON and String', () => {
    const auth = new MekariHmacAuth({ clientId: 'hmac-client', clientSecret: SECRET });
    expect(JSON.parse(JSON.stringify(auth))).toEqual({
      scheme: 'mekari-hmac',
      baseUrl: 'https://api.mekari.com',
      clientId: 'hmac-client',
      clientSecret: REDACTED,
    });
    expect(String(auth)).toBe(
      "MekariHmacAuth { scheme: 'mekari-hmac', baseUrl: 'https://api.mekari.com', clientId: 'hmac-client', clientSecret: '[redacted]' }",
    );
    expect(inspect({ nested: { auth } }, { depth: 10 })).toContain("clientSecret: '[redacted]'");
    for (const text of renderings(auth)) expect(text).not.toContain(SECRET);
  });

  it('never puts the secret in a config error', () => {
    const errors = [
      thrown(() => new MekariHmacAuth({ clientId: '', clientSecret: SECRET })),
      thrown(
        () =>
          new MekariHmacAuth({
            clientId: 'x',
            clientSecret: SECRET,
            baseUrl: `http://${SECRET}.example.com`,
          }),
      ),
      thrown(
        () =>
          new MekariHmacAuth({
            clientId: 'x',
            clientSecret: SECRET,
            baseUrl: `https://u:${SECRET}@api.mekari.com`,
          }),
      ),
      thrown(() =>
        authFromEnv({ MEKARI_CLIENT_SECRET: SECRET, QONTAK_USERNAME: 'u', QONTAK_PASSWORD: SECRET }),
      ),
      thrown(() => authFromEnv({ MEKARI_CLIENT_SECRET: SECRET })),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      for (const text of renderings(error)) expect(text).not.toContain(SECRET);
    }
  });

  it('never sends the secret itself: the gateway sees only the client id and a signature', async () => {
    const clock = new ManualClock();
    const server = await emulator({
      clock: clock.read,
      hmacClients: [{ clientId: 'hmac-client', clientSecret: SECRET }],
    });
    const auth = new MekariHmacAuth({
      baseUrl: server.url,
      clientId: 'hmac-client',
      clientSecret: SECRET,
      clock: clock.read,
    });
    const headers = await auth.authorizeRequest({ url: `${server.url}/qontak/chat/v1/health` });
    expect(Object.values(headers).join('\n')).not.toContain(SECRET);
    const response = await auth.fetch('/qontak/chat/v1/health');
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain(SECRET);
  });
});
