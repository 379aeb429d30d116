import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { authFromOptions, type QontakCredentialOptions } from '../config/credential-schemes';
import { bearerTokenOf } from '../contract/bearer';
import type { RequestAuthorizer } from '../contract/request-authorizer';

const BURST = 200;
const servers: QontakEmulator[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A scheme on an emulator with its demo credentials, seen through the contract alone, as an adapter sees it. */
async function schemeAt(
  credentials: QontakCredentialOptions,
): Promise<{ auth: RequestAuthorizer; server: QontakEmulator }> {
  const server = await startEmulator({ port: 0 });
  servers.push(server);
  const auth: RequestAuthorizer = authFromOptions({ ...credentials, baseUrl: server.url });
  return { auth, server };
}

describe('RequestAuthorizer.getAccessToken', () => {
  it.each([
    ['the password grant', { username: DEMO_USERNAME, password: DEMO_PASSWORD }, 1],
    ['a dashboard access token', { accessToken: DEMO_ACCESS_TOKEN }, 0],
  ])(
    'with %s: the bearer authorizeRequest sends, which Qontak accepts; grants for a burst on a cold cache: %s',
    async (_name, credentials, grants) => {
      const { auth, server } = await schemeAt(credentials);
      try {
        const tokens = await Promise.all(Array.from({ length: BURST }, () => auth.getAccessToken()));

        expect(new Set(tokens).size).toBe(1);
        const [token] = tokens;
        expect(token).toMatch(/^\S{16,}$/);
        const headers = await auth.authorizeRequest({ method: 'GET', url: auth.healthUrl });
        expect(bearerTokenOf(headers)).toBe(token);
        const answer = await fetch(auth.healthUrl, { headers: { authorization: `Bearer ${token}` } });
        expect(answer.status).toBe(200);
        expect(server.stats().grants.total).toBe(grants);
      } finally {
        await auth.close();
      }
    },
  );

  it('with Mekari HMAC: undefined at once, with no request to anyone', async () => {
    const { auth, server } = await schemeAt({
      clientId: DEMO_HMAC_CLIENT_ID,
      clientSecret: DEMO_HMAC_CLIENT_SECRET,
    });

    await expect(auth.getAccessToken()).resolves.toBeUndefined();
    expect(server.stats().requests).toBe(0);
  });

  it('with the password grant: rejects with the QontakAuthError ready() rejects with', async () => {
    const { auth } = await schemeAt({ username: DEMO_USERNAME, password: 'not-the-password' });
    try {
      const fromToken = await auth.getAccessToken().catch((error: unknown) => error);
      const fromReady = await auth.ready().catch((error: unknown) => error);

      expect(fromToken).toMatchObject({ name: 'QontakAuthError', code: 'invalid_grant' });
      expect(fromReady).toBe(fromToken);
    } finally {
      await auth.close();
    }
  });
});
