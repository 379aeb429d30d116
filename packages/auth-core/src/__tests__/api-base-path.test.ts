import { describe, expect, it } from 'vitest';
import { MekariHmacAuth } from '../mekari/hmac-auth';
import { QontakAccessTokenAuth } from '../access-token/access-token-auth';
import { recordingServer, tokenIssuer } from './support/recording-server';
import { SCHEMES_ON } from './support/schemes-on';

describe.each(Object.entries(SCHEMES_ON))('credentials on the API origin, %s', (_name, make) => {
  it('go only to URLs under the API base path: not to another path or product on the same origin', async () => {
    const tokens = tokenIssuer();
    const server = await recordingServer((request, response) => {
      if (request.path === '/oauth/token') tokens.answer(response);
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const auth = make(server.url);
    const apiPath = new URL(auth.apiBaseUrl).pathname;
    const outside = [
      '/admin/x',
      '/',
      '/talenta/v2/employees',
      `${apiPath}x/v1/health`,
      `${apiPath}/../../admin/x`,
      `${apiPath}/v1/%2e%2e/%2E%2E/%2e%2e/admin/x`,
      `${apiPath}/v1/..%2F..%2F..%2Fadmin/x`,
      `${apiPath}/v1/..%252F..%252F..%252Fadmin/x`,
      `${apiPath}/v1/..%5C..%5C..%5Cadmin/x`,
    ];
    for (const path of outside) await auth.fetch(`${server.url}${path}`);
    await auth.fetch(`${auth.apiBaseUrl}/v1/health`);
    await auth.close();
    const credentialed = server.requests
      .filter((request) => request.headers.authorization !== undefined)
      .map((request) => request.path);
    expect(credentialed).toEqual([`${apiPath}/v1/health`]);
    expect(outside.map((path) => auth.isAuthorizedUrl(`${server.url}${path}`))).toEqual(
      outside.map(() => false),
    );
  });
});

describe('the API base path with a base URL that has a path, and with allowed origins', () => {
  it('is <basePath><apiPath> on the base origin and on every allowed origin', () => {
    const auth = new QontakAccessTokenAuth({
      baseUrl: 'https://proxy.example.com/qontak',
      allowedOrigins: ['https://service-chat.qontak.com'],
      accessToken: 't',
    });
    expect(
      [
        'https://proxy.example.com/qontak/api/open/v1/health',
        'https://service-chat.qontak.com/qontak/api/open/v1/health',
        'https://proxy.example.com/api/open/v1/health',
        'https://proxy.example.com/qontak/admin',
        'https://proxy.example.com/qontak/api/open/../../admin',
        'https://service-chat.qontak.com/api/open/v1/health',
      ].map((url) => auth.isAuthorizedUrl(url)),
    ).toEqual([true, true, false, false, false, false]);
    const gateway = new MekariHmacAuth({ clientId: 'id', clientSecret: 'secret' });
    expect(
      [
        'https://api.mekari.com/qontak/chat/v1/health',
        'https://api.mekari.com/qontak/chat',
        'https://api.mekari.com/qontak/chatx/v1',
        'https://api.mekari.com/talenta/v2/employee',
        'https://api.mekari.com/jurnal/api/v1/accounts',
        'https://api.mekari.com/qontak/chat/v1/%2e%2e/%2e%2e/%2e%2e/jurnal/api/v1/accounts',
      ].map((url) => gateway.isAuthorizedUrl(url)),
    ).toEqual([true, true, false, false, false, false]);
  });
});
