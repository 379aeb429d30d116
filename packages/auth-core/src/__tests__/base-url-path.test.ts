import { DEMO_ACCESS_TOKEN, DEMO_HMAC_CLIENT_ID, DEMO_HMAC_CLIENT_SECRET } from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { authFromEnv } from '../config/credential-schemes';
import { MekariHmacAuth } from '../mekari/hmac-auth';
import { QontakAccessTokenAuth } from '../access-token/access-token-auth';
import { QontakAuth } from '../password/password-auth';
import { isQontakAuthError } from '../errors/auth-error';
import { authFor, emulator, PASSWORD, USERNAME } from './support/emulator-fixture';

function configError(build: () => { close(): Promise<void> }): string {
  let built: { close(): Promise<void> } | undefined;
  try {
    built = build();
  } catch (error) {
    if (isQontakAuthError(error) && error.code === 'config_error') return error.message;
    throw error;
  }
  void built.close();
  return expect.unreachable('the base URL should have been refused at construction');
}

describe('a base URL that already holds the API path', () => {
  it('is refused at construction, saying the base URL is the origin (QontakAuth against the emulator)', async () => {
    const server = await emulator();
    for (const suffix of [
      '/api/open',
      '/api/open/',
      '/api/open/v1',
      '/api/open/v1/',
      '/API/Open/v1/health',
    ]) {
      const message = configError(() => authFor(server, { baseUrl: `${server.url}${suffix}` }));
      expect(message).toBe(
        `QontakAuth: baseUrl is the API's origin (e.g. https://chat-service.qontak.com), not a URL under ` +
          `/api/open: the toolkit adds /api/open/v1/... itself. Use ${server.url} instead.`,
      );
    }
    // The origin works.
    await expect(authFor(server).getAccessToken()).resolves.toEqual(expect.any(String));
  });

  it('keeps a proxy prefix before the API path in the suggestion', () => {
    const message = configError(
      () =>
        new QontakAuth({
          baseUrl: 'https://proxy.example.com/qontak/api/open/v1',
          username: USERNAME,
          password: PASSWORD,
        }),
    );
    expect(message).toMatch(/Use https:\/\/proxy\.example\.com\/qontak instead\.$/);
  });

  it('is refused for a dashboard access token too, and through QONTAK_BASE_URL', () => {
    expect(
      configError(
        () =>
          new QontakAccessTokenAuth({
            accessToken: DEMO_ACCESS_TOKEN,
            baseUrl: 'https://service-chat.qontak.com/api/open',
          }),
      ),
    ).toMatch(
      /^QontakAccessTokenAuth: baseUrl is the API's origin .* Use https:\/\/service-chat\.qontak\.com instead\.$/,
    );
    for (const env of [
      { QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN },
      { QONTAK_USERNAME: USERNAME, QONTAK_PASSWORD: PASSWORD },
    ]) {
      expect(
        configError(() =>
          authFromEnv({ ...env, QONTAK_BASE_URL: 'https://chat-service.qontak.com/api/open/v1' }),
        ),
      ).toContain(
        "baseUrl is the API's origin (e.g. https://chat-service.qontak.com), not a URL under /api/open",
      );
    }
  });

  it("is refused for the Mekari gateway's /qontak/chat (MEKARI_BASE_URL)", () => {
    const expected =
      "MekariHmacAuth: baseUrl is the API's origin (e.g. https://api.mekari.com), not a URL under " +
      '/qontak/chat: the toolkit adds /qontak/chat/v1/... itself. Use https://api.mekari.com instead.';
    for (const baseUrl of ['https://api.mekari.com/qontak/chat', 'https://api.mekari.com/qontak/chat/v1/']) {
      expect(
        configError(
          () =>
            new MekariHmacAuth({
              clientId: DEMO_HMAC_CLIENT_ID,
              clientSecret: DEMO_HMAC_CLIENT_SECRET,
              baseUrl,
            }),
        ),
      ).toBe(expected);
      expect(
        configError(() =>
          authFromEnv({
            MEKARI_CLIENT_ID: DEMO_HMAC_CLIENT_ID,
            MEKARI_CLIENT_SECRET: DEMO_HMAC_CLIENT_SECRET,
            MEKARI_BASE_URL: baseUrl,
          }),
        ),
      ).toBe(expected);
    }
  });

  it('still takes an origin, or an origin with a proxy prefix of its own', async () => {
    for (const baseUrl of [
      'https://chat-service.qontak.com',
      'https://chat-service.qontak.com/',
      'https://proxy.example.com/qontak',
      'https://proxy.example.com/api/opener',
    ]) {
      const auth = new QontakAuth({ baseUrl, username: USERNAME, password: PASSWORD });
      expect(auth.baseUrl).toBe(baseUrl.replace(/\/$/, ''));
      await auth.close();
    }
    const hmac = new MekariHmacAuth({
      clientId: DEMO_HMAC_CLIENT_ID,
      clientSecret: DEMO_HMAC_CLIENT_SECRET,
      baseUrl: 'https://api.mekari.com/',
    });
    expect(hmac.healthUrl).toBe('https://api.mekari.com/qontak/chat/v1/health');
    await hmac.close();
  });
});
