import { describe, expect, it } from 'vitest';
import { authFromEnv } from '../auth-from-env';
import { MekariHmacAuth } from '../mekari-hmac-auth';
import { QontakAuth } from '../qontak-auth';
import { isQontakAuthError } from '../qontak-auth-error';

const HMAC_SECRET = 'S3ntinel-HmacSecret-env-0a7f';
const BEARER = { QONTAK_USERNAME: 'ops@example.com', QONTAK_PASSWORD: 'S3ntinel-Password-env-11' };
const HMAC = { MEKARI_CLIENT_ID: 'hmac-client', MEKARI_CLIENT_SECRET: HMAC_SECRET };

function errorOf(build: () => unknown): Error {
  try {
    build();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}

describe('authFromEnv', () => {
  it('picks the HMAC scheme when MEKARI_CLIENT_ID and MEKARI_CLIENT_SECRET are set', async () => {
    const auth = authFromEnv({ ...HMAC, QONTAK_BASE_URL: 'https://chat-service.qontak.com' });
    expect(auth).toBeInstanceOf(MekariHmacAuth);
    expect(auth.baseUrl).toBe('https://api.mekari.com');
    const headers = await auth.authorizeRequest({ url: 'https://api.mekari.com/qontak/chat/v1/health' });
    expect(headers['authorization']).toMatch(/^hmac username="hmac-client", algorithm="hmac-sha256"/);
    await auth.close();
  });

  it('takes MEKARI_BASE_URL', async () => {
    const auth = authFromEnv({ ...HMAC, MEKARI_BASE_URL: 'http://127.0.0.1:9999/' });
    expect(auth.baseUrl).toBe('http://127.0.0.1:9999');
    await auth.close();
  });

  it('picks the bearer scheme (QontakAuth.fromEnv) otherwise', async () => {
    const auth = authFromEnv({ ...BEARER, MEKARI_BASE_URL: 'https://api.mekari.com' });
    expect(auth).toBeInstanceOf(QontakAuth);
    expect(auth.baseUrl).toBe('https://chat-service.qontak.com');
    await auth.close();
  });

  it('refuses both schemes at once, naming what to remove', () => {
    const error = errorOf(() => authFromEnv({ ...BEARER, ...HMAC }));
    expect(isQontakAuthError(error) && error.code).toBe('config_error');
    expect(error.message).toBe(
      'authFromEnv: both auth schemes are configured (MEKARI_CLIENT_ID, MEKARI_CLIENT_SECRET, QONTAK_USERNAME, QONTAK_PASSWORD): ' +
        'for the Mekari API gateway (HMAC) remove QONTAK_USERNAME and QONTAK_PASSWORD; ' +
        'for the Qontak bearer token remove MEKARI_CLIENT_ID and MEKARI_CLIENT_SECRET.',
    );
    expect(errorOf(() => authFromEnv({ QONTAK_PASSWORD: 'x', MEKARI_CLIENT_SECRET: 'y' })).message).toMatch(
      /remove QONTAK_PASSWORD; .* remove MEKARI_CLIENT_SECRET\.$/,
    );
  });

  it('names the missing half of an HMAC pair', () => {
    const error = errorOf(() => authFromEnv({ MEKARI_CLIENT_SECRET: HMAC_SECRET }));
    expect(isQontakAuthError(error) && error.code).toBe('config_error');
    expect(error.message).toBe('MekariHmacAuth.fromEnv: missing environment variable: MEKARI_CLIENT_ID.');
    expect(error.message).not.toContain(HMAC_SECRET);
  });

  it('names the bearer variables when nothing is set', () => {
    expect(errorOf(() => authFromEnv({})).message).toBe(
      'QontakAuth.fromEnv: missing environment variables: QONTAK_USERNAME, QONTAK_PASSWORD.',
    );
  });

  it('treats blank variables as unset', async () => {
    const auth = authFromEnv({ ...BEARER, MEKARI_CLIENT_ID: '  ', MEKARI_CLIENT_SECRET: '' });
    expect(auth).toBeInstanceOf(QontakAuth);
    await auth.close();
  });
});

describe('MekariHmacAuth.fromEnv', () => {
  it('lets overrides win over the environment', async () => {
    const auth = MekariHmacAuth.fromEnv(
      { ...HMAC },
      { clientId: 'override-id', baseUrl: 'https://gw.example.com' },
    );
    expect(auth.clientId).toBe('override-id');
    expect(auth.baseUrl).toBe('https://gw.example.com');
    await auth.close();
  });

  it('names every missing variable', () => {
    expect(errorOf(() => MekariHmacAuth.fromEnv({})).message).toBe(
      'MekariHmacAuth.fromEnv: missing environment variables: MEKARI_CLIENT_ID, MEKARI_CLIENT_SECRET.',
    );
  });
});
