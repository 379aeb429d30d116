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
import { authorizedFetch } from '../contract/authorized-fetch';
import { authFromOptions, type QontakCredentialOptions } from '../config/credential-schemes';
import { RequestAuthorizer, type AuthorizationHeaders } from '../contract/request-authorizer';
import { recordingServer } from './support/recording-server';

const servers: QontakEmulator[] = [];
const auths: RequestAuthorizer[] = [];

afterEach(async () => {
  await Promise.all(auths.splice(0).map((auth) => auth.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function schemeAt(credentials: QontakCredentialOptions) {
  const server = await startEmulator({ port: 0 });
  servers.push(server);
  const auth: RequestAuthorizer = authFromOptions({ ...credentials, baseUrl: server.url });
  auths.push(auth);
  return { auth, server };
}

describe('RequestAuthorizer.authorizeRequestNow', () => {
  it('with the password grant: undefined until a token is cached, then the very headers authorizeRequest gives, with no request', async () => {
    const { auth, server } = await schemeAt({ username: DEMO_USERNAME, password: DEMO_PASSWORD });
    const health = { method: 'GET', url: auth.healthUrl };
    expect(auth.authorizeRequestNow?.(health)).toBeUndefined();
    expect(server.stats().grants.total).toBe(0);

    const awaited = await auth.authorizeRequest(health);
    const now = auth.authorizeRequestNow?.(health);
    expect(now).toBe(awaited);
    expect(now?.['authorization']).toBe(`Bearer ${await auth.getAccessToken()}`);
    expect(auth.authorizeRequestNow?.({ url: `${server.url}/oauth/token` })).toEqual({});
    expect(auth.authorizeRequestNow?.({ url: 'https://example.com/api/open/v1/health' })).toEqual({});
    expect(server.stats().grants.total).toBe(1);

    await auth.close();
    expect(auth.authorizeRequestNow?.(health)).toBeUndefined();
    await expect(auth.authorizeRequest(health)).rejects.toMatchObject({ code: 'config_error' });
  });

  it.each([
    ['a dashboard access token', { accessToken: DEMO_ACCESS_TOKEN }],
    ['Mekari HMAC', { clientId: DEMO_HMAC_CLIENT_ID, clientSecret: DEMO_HMAC_CLIENT_SECRET }],
  ] as const)('with %s: the headers authorizeRequest gives, at once', async (_name, credentials) => {
    const { auth, server } = await schemeAt(credentials);
    const health = { method: 'GET', url: auth.healthUrl };
    const now = auth.authorizeRequestNow?.(health);
    expect(Object.keys(now ?? {}).sort()).toEqual(Object.keys(await auth.authorizeRequest(health)).sort());
    expect(now?.['authorization']).toMatch(/^(Bearer|hmac) /);
    const answer = await fetch(auth.healthUrl, { headers: { ...now } });
    expect(answer.status).toBe(200);
    expect(auth.authorizeRequestNow?.({ url: 'https://example.com/qontak/chat/v1/health' })).toEqual({});
    expect(server.stats().grants.total).toBe(0);
  });

  it('is optional: the core sends for an authorizer written without it through authorizeRequest', async () => {
    const server = await recordingServer((_request, response) => {
      response.writeHead(204).end();
    });
    class Minimal extends RequestAuthorizer {
      readonly baseUrl = server.url;
      readonly apiBaseUrl = `${server.url}/api/open`;
      readonly healthUrl = `${this.apiBaseUrl}/v1/health`;
      isAuthorizedUrl = () => true;
      authorizeRequest = async (): Promise<AuthorizationHeaders> => ({ authorization: 'Bearer minimal' });
      authorizeRedirect = () => ({});
      handleUnauthorized = async () => false;
      ready = async () => undefined;
      getAccessToken = async () => 'minimal';
      fetch = (input: string | URL, init?: RequestInit) => authorizedFetch(this, fetch, input, init);
      close = async () => undefined;
    }
    const minimal: RequestAuthorizer = new Minimal();
    expect(minimal.authorizeRequestNow).toBeUndefined();
    expect((await minimal.fetch('/api/open/v1/health')).status).toBe(204);
    expect(server.on('/api/open/v1/health').map((request) => request.headers.authorization)).toEqual([
      'Bearer minimal',
    ]);
  });
});
