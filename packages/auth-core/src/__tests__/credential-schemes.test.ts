import { describe, expect, it } from 'vitest';
import { QONTAK_CREDENTIAL_VARIABLES, authFromEnv, authFromOptions } from '../config/credential-schemes';
import { MekariHmacAuth } from '../mekari/hmac-auth';
import { QontakAccessTokenAuth } from '../access-token/access-token-auth';
import { QontakAuth } from '../password/password-auth';
import { isQontakAuthError } from '../errors/auth-error';

const HMAC_SECRET = 'S3ntinel-HmacSecret-env-0a7f';
const ACCESS_TOKEN = 'S3ntinel-DashboardToken-env-5c2e';
const PASSWORD = { QONTAK_USERNAME: 'ops@example.com', QONTAK_PASSWORD: 'S3ntinel-Password-env-11' };
const HMAC = { MEKARI_CLIENT_ID: 'hmac-client', MEKARI_CLIENT_SECRET: HMAC_SECRET };
const TOKEN = { QONTAK_ACCESS_TOKEN: ACCESS_TOKEN };

function errorOf(build: () => unknown): Error {
  try {
    build();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}

function configMessage(build: () => unknown): string {
  const error = errorOf(build);
  expect(isQontakAuthError(error) && error.code).toBe('config_error');
  for (const secret of [HMAC_SECRET, ACCESS_TOKEN, PASSWORD.QONTAK_PASSWORD])
    expect(error.message).not.toContain(secret);
  return error.message;
}

describe('authFromEnv', () => {
  it('picks the HMAC scheme when MEKARI_CLIENT_ID and MEKARI_CLIENT_SECRET are set', async () => {
    const auth = authFromEnv({ ...HMAC, QONTAK_BASE_URL: 'https://chat-service.qontak.com' });
    expect(auth).toBeInstanceOf(MekariHmacAuth);
    expect(auth.baseUrl).toBe('https://api.mekari.com');
    expect(auth.apiBaseUrl).toBe('https://api.mekari.com/qontak/chat');
    expect(auth.healthUrl).toBe('https://api.mekari.com/qontak/chat/v1/health');
    const headers = await auth.authorizeRequest({ url: 'https://api.mekari.com/qontak/chat/v1/health' });
    expect(headers['authorization']).toMatch(/^hmac username="hmac-client", algorithm="hmac-sha256"/);
    await auth.close();
  });

  it('takes MEKARI_BASE_URL', async () => {
    const auth = authFromEnv({ ...HMAC, MEKARI_BASE_URL: 'http://127.0.0.1:9999/' });
    expect(auth.baseUrl).toBe('http://127.0.0.1:9999');
    await auth.close();
  });

  it('picks the password grant (QontakAuth.fromEnv) for QONTAK_USERNAME and QONTAK_PASSWORD', async () => {
    const auth = authFromEnv({ ...PASSWORD, MEKARI_BASE_URL: 'https://api.mekari.com' });
    expect(auth).toBeInstanceOf(QontakAuth);
    expect(auth.baseUrl).toBe('https://chat-service.qontak.com');
    expect(auth.healthUrl).toBe('https://chat-service.qontak.com/api/open/v1/health');
    await auth.close();
  });

  it('picks the dashboard access token for QONTAK_ACCESS_TOKEN, with QONTAK_BASE_URL', async () => {
    const auth = authFromEnv({ ...TOKEN, QONTAK_BASE_URL: 'https://service-chat.qontak.com' });
    expect(auth).toBeInstanceOf(QontakAccessTokenAuth);
    expect(auth.healthUrl).toBe('https://service-chat.qontak.com/api/open/v1/health');
    expect(await auth.authorizeRequest({ url: auth.healthUrl })).toEqual({
      authorization: `Bearer ${ACCESS_TOKEN}`,
    });
    await auth.close();
  });

  it('refuses the credentials of two or three schemes at once, naming each group to choose from', () => {
    expect(configMessage(() => authFromEnv({ ...PASSWORD, ...HMAC }))).toBe(
      'authFromEnv: the credentials of more than one scheme are set: QONTAK_USERNAME and QONTAK_PASSWORD (a Qontak account (password grant)); ' +
        'MEKARI_CLIENT_ID and MEKARI_CLIENT_SECRET (a Mekari API gateway client (HMAC)). Keep one and remove the others.',
    );
    expect(configMessage(() => authFromEnv({ ...TOKEN, ...PASSWORD, ...HMAC }))).toMatch(
      /^authFromEnv: the credentials of more than one scheme are set: QONTAK_ACCESS_TOKEN \(a dashboard access token\); QONTAK_USERNAME and QONTAK_PASSWORD .*; MEKARI_CLIENT_ID and MEKARI_CLIENT_SECRET/,
    );
    expect(configMessage(() => authFromEnv({ QONTAK_PASSWORD: 'x', MEKARI_CLIENT_SECRET: 'y' }))).toMatch(
      /QONTAK_PASSWORD \(a Qontak account \(password grant\)\); MEKARI_CLIENT_SECRET \(a Mekari API gateway client \(HMAC\)\)\. Keep one/,
    );
  });

  it('names the missing half of a pair, and what to remove instead', () => {
    expect(configMessage(() => authFromEnv({ MEKARI_CLIENT_SECRET: HMAC_SECRET }))).toBe(
      'authFromEnv: MEKARI_CLIENT_SECRET is set but MEKARI_CLIENT_ID is missing (a Mekari API gateway client (HMAC)): add MEKARI_CLIENT_ID, or remove MEKARI_CLIENT_SECRET.',
    );
    expect(configMessage(() => authFromEnv({ QONTAK_USERNAME: 'ops@example.com' }))).toBe(
      'authFromEnv: QONTAK_USERNAME is set but QONTAK_PASSWORD is missing (a Qontak account (password grant)): add QONTAK_PASSWORD, or remove QONTAK_USERNAME.',
    );
  });

  it('names every kind of credential when none is set', () => {
    expect(configMessage(() => authFromEnv({}))).toBe(
      'authFromEnv: no credentials are set: set QONTAK_ACCESS_TOKEN (a dashboard access token), or QONTAK_USERNAME and QONTAK_PASSWORD (a Qontak account (password grant)), or MEKARI_CLIENT_ID and MEKARI_CLIENT_SECRET (a Mekari API gateway client (HMAC)).',
    );
  });

  it('treats blank variables as unset', async () => {
    const auth = authFromEnv({
      ...PASSWORD,
      MEKARI_CLIENT_ID: '  ',
      MEKARI_CLIENT_SECRET: '',
      QONTAK_ACCESS_TOKEN: ' ',
    });
    expect(auth).toBeInstanceOf(QontakAuth);
    await auth.close();
  });
});

describe('authFromOptions', () => {
  it('picks each scheme by the credential fields set', async () => {
    const token = authFromOptions({ accessToken: ACCESS_TOKEN });
    const account = authFromOptions({
      username: 'ops@example.com',
      password: 'pw',
      clientId: 'oauth-client',
      clientSecret: 's',
    });
    const gateway = authFromOptions({ clientId: 'hmac-client', clientSecret: HMAC_SECRET });
    expect(token).toBeInstanceOf(QontakAccessTokenAuth);
    expect(account).toBeInstanceOf(QontakAuth);
    expect(gateway).toBeInstanceOf(MekariHmacAuth);
    await Promise.all([token.close(), account.close(), gateway.close()]);
  });

  it('refuses two credentials, half of one, and none', () => {
    expect(
      configMessage(() => authFromOptions({ accessToken: ACCESS_TOKEN, username: 'u', password: 'p' })),
    ).toMatch(
      /^authFromOptions: the credentials of more than one scheme are set: accessToken .*; username and password/,
    );
    expect(configMessage(() => authFromOptions({ username: 'u' } as never))).toBe(
      'authFromOptions: username is set but password is missing (a Qontak account (password grant)): add password, or remove username.',
    );
    expect(configMessage(() => authFromOptions({ clientSecret: HMAC_SECRET } as never))).toMatch(
      /clientId is missing/,
    );
    expect(configMessage(() => authFromOptions({} as never))).toMatch(
      /^authFromOptions: no credentials are set/,
    );
  });
});

describe('fromEnv of each scheme', () => {
  it('lets overrides win over the environment', async () => {
    const auth = MekariHmacAuth.fromEnv(
      { ...HMAC },
      { clientId: 'override-id', baseUrl: 'https://gw.example.com' },
    );
    expect(auth.clientId).toBe('override-id');
    expect(auth.baseUrl).toBe('https://gw.example.com');
    const token = QontakAccessTokenAuth.fromEnv({}, { accessToken: 'from-override' });
    expect(await token.getAccessToken()).toBe('from-override');
  });

  it('names every missing variable', () => {
    expect(configMessage(() => MekariHmacAuth.fromEnv({}))).toBe(
      'MekariHmacAuth.fromEnv: missing environment variables: MEKARI_CLIENT_ID, MEKARI_CLIENT_SECRET.',
    );
    expect(configMessage(() => QontakAccessTokenAuth.fromEnv({}))).toBe(
      'QontakAccessTokenAuth.fromEnv: missing environment variable: QONTAK_ACCESS_TOKEN.',
    );
    expect(configMessage(() => QontakAuth.fromEnv({ QONTAK_PASSWORD: 'x' }))).toBe(
      'QontakAuth.fromEnv: missing environment variable: QONTAK_USERNAME.',
    );
  });
});

describe('authFromEnv settings', () => {
  it('hands the settings to whichever scheme it builds (a logger here), ignoring those the scheme lacks', async () => {
    const lines: string[] = [];
    const logger = { warn: (message: string) => lines.push(message) };
    const auth = authFromEnv(
      { ...TOKEN, QONTAK_BASE_URL: 'http://127.0.0.1:9' },
      { logger, timeoutMs: 5_000 },
    );
    expect(auth).toBeInstanceOf(QontakAccessTokenAuth);
    await auth.handleUnauthorized({ authorization: `Bearer ${ACCESS_TOKEN}` });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/revoked or replaced/);
  });
});

describe('QONTAK_CREDENTIAL_VARIABLES', () => {
  it('names every variable authFromEnv picks a scheme by', () => {
    expect(QONTAK_CREDENTIAL_VARIABLES).toEqual([
      'QONTAK_ACCESS_TOKEN',
      'QONTAK_USERNAME',
      'QONTAK_PASSWORD',
      'MEKARI_CLIENT_ID',
      'MEKARI_CLIENT_SECRET',
    ]);
  });
});
