import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { QontakAuth } from '../password/password-auth';
import type { QontakAuthError } from '../errors/auth-error';
import { authFor, CLIENT_SECRET, emulator, PASSWORD, RecordingLogger } from './support/emulator-fixture';

/** Every way a value can end up in a log line. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? '', String(value)];
  if (value instanceof Error) {
    out.push(value.stack ?? '', value.message, inspect(value.cause, { depth: 10 }));
  }
  return out;
}

function expectNoSecrets(texts: string[], secrets: string[]): void {
  for (const text of texts) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

describe('QontakAuth secrets', () => {
  it('never shows the password, client secret, access or refresh token', async () => {
    const server = await emulator({ tokenTtlSeconds: 60 });
    const logger = new RecordingLogger();
    const auth = authFor(server, { logger });
    const token = await auth.getToken();
    const secrets = [PASSWORD, CLIENT_SECRET, token.accessToken, token.refreshToken!];
    expect(secrets.every((secret) => secret.length > 8)).toBe(true);

    // Drive the error paths too: a failed refresh, a wrong password, a wrong client, a bad response.
    server.revokeAll();
    await auth.invalidate(token.accessToken);
    const renewed = await auth.getToken();
    secrets.push(renewed.accessToken, renewed.refreshToken!);

    const errors: unknown[] = [];
    for (const options of [
      { password: 'Wr0ng-S3ntinel-Password' },
      { clientSecret: 'Wr0ng-S3ntinel-Secret' },
    ]) {
      const failing = authFor(server, { ...options, logger });
      errors.push(await failing.getAccessToken().catch((error: unknown) => error));
    }
    server.faults.inject('token', { type: 'token-body', patch: { token_type: 'mac' } }, 1);
    const badResponse = authFor(server, { logger, password: PASSWORD });
    errors.push(await badResponse.getAccessToken().catch((error: unknown) => error));
    server.faults.inject('token', { type: 'malformed-json' }, 1);
    errors.push(
      await authFor(server, { logger })
        .getAccessToken()
        .catch((error: unknown) => error),
    );
    secrets.push('Wr0ng-S3ntinel-Password', 'Wr0ng-S3ntinel-Secret');
    expect(errors.map((error) => (error as QontakAuthError).code)).toEqual([
      'invalid_grant',
      'invalid_client',
      'invalid_response',
      'invalid_response',
    ]);

    expectNoSecrets(
      [
        ...renderings(auth),
        ...renderings(token),
        ...renderings(renewed),
        ...errors.flatMap(renderings),
        ...errors.map((error) => JSON.stringify((error as QontakAuthError).toJSON())),
        ...logger.lines,
      ],
      secrets,
    );
    expect(logger.lines.length).toBeGreaterThan(3);
  });

  it('redacts secrets in config errors and in a constructed instance', () => {
    const auth = new QontakAuth({
      username: 'u@example.com',
      password: PASSWORD,
      clientSecret: CLIENT_SECRET,
    });
    expectNoSecrets(renderings(auth), [PASSWORD, CLIENT_SECRET]);
    expect(inspect(auth)).toContain('[redacted]');
    let error: unknown;
    try {
      new QontakAuth({
        username: '',
        password: PASSWORD,
        clientSecret: CLIENT_SECRET,
        baseUrl: 'http://example.com',
      });
    } catch (caught) {
      error = caught;
    }
    expectNoSecrets(renderings(error), [PASSWORD, CLIENT_SECRET]);
  });
});
