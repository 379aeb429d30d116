import { inspect } from 'node:util';
import { DEMO_ACCESS_TOKEN } from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { QontakAccessTokenAuth } from '../access-token/access-token-auth';
import { isQontakAuthError } from '../errors/auth-error';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  emulator,
  PASSWORD,
  RecordingLogger,
  USERNAME,
} from './support/emulator-fixture';
import { otherOrigin } from './support/other-origin';
import { recordingServer } from './support/recording-server';

const TOKEN = 'S3ntinel-DashboardToken-4f1a9c';

function configMessage(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    if (isQontakAuthError(error) && error.code === 'config_error') {
      expect(error.message).not.toContain(TOKEN);
      return error.message;
    }
    throw error;
  }
  throw new Error('expected a config_error');
}

describe('QontakAccessTokenAuth options', () => {
  it('requires the token, refuses a "Bearer " prefix and characters a header cannot carry, never echoing it', () => {
    expect(configMessage(() => new QontakAccessTokenAuth({ accessToken: '' }))).toBe(
      'QontakAccessTokenAuth: missing or empty option: accessToken.',
    );
    expect(configMessage(() => new QontakAccessTokenAuth({ accessToken: `Bearer ${TOKEN}` }))).toMatch(
      /without the 'Bearer ' prefix/,
    );
    expect(configMessage(() => new QontakAccessTokenAuth({ accessToken: `${TOKEN}\nx` }))).toMatch(
      /Authorization header/,
    );
    expect(
      configMessage(() => new QontakAccessTokenAuth({ accessToken: TOKEN, baseUrl: 'http://example.com' })),
    ).toMatch(/baseUrl must use https/);
  });

  it('defaults to the documented host, with the Open API under /api/open', () => {
    const auth = new QontakAccessTokenAuth({ accessToken: TOKEN });
    expect(auth.baseUrl).toBe('https://chat-service.qontak.com');
    expect(auth.apiBaseUrl).toBe('https://chat-service.qontak.com/api/open');
    expect(auth.healthUrl).toBe('https://chat-service.qontak.com/api/open/v1/health');
  });

  it('never shows the token in inspect, JSON or String', () => {
    const auth = new QontakAccessTokenAuth({ accessToken: TOKEN });
    expect(JSON.parse(JSON.stringify(auth))).toEqual({
      scheme: 'access-token',
      baseUrl: 'https://chat-service.qontak.com',
      accessToken: '[redacted]',
    });
    for (const text of [inspect(auth, { depth: 10, showHidden: true }), String(auth), inspect({ auth })]) {
      expect(text).not.toContain(TOKEN);
    }
  });
});

describe('QontakAccessTokenAuth origin rules', () => {
  it('adds the bearer for Qontak only, never for the OAuth endpoints (any spelling) or another origin', async () => {
    const auth = new QontakAccessTokenAuth({ accessToken: TOKEN });
    const bearer = { authorization: `Bearer ${TOKEN}` };
    expect(await auth.authorizeRequest({ url: auth.healthUrl })).toEqual(bearer);
    for (const url of [
      'https://chat-service.qontak.com/oauth/token',
      'https://chat-service.qontak.com/%6Fauth/revoke',
      'https://chat-service.qontak.com.evil.example/api/open/v1/health',
      'http://chat-service.qontak.com/api/open/v1/health',
    ]) {
      expect(await auth.authorizeRequest({ url })).toEqual({});
    }
  });
});

describe('QontakAccessTokenAuth against the emulator', () => {
  it('calls the health route with a dashboard token the emulator seeded', async () => {
    const server = await emulator();
    const auth = new QontakAccessTokenAuth({ accessToken: DEMO_ACCESS_TOKEN, baseUrl: server.url });
    const response = await auth.fetch(auth.healthUrl);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'success' });
    expect(server.stats().grants.total).toBe(0);
  });

  it('works with an access token issued by the OAuth server itself (a password grant made by the test)', async () => {
    const server = await emulator();
    const granted = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        username: USERNAME,
        password: PASSWORD,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    });
    const { access_token: accessToken } = (await granted.json()) as { access_token: string };
    const auth = new QontakAccessTokenAuth({ accessToken, baseUrl: server.url });
    expect((await auth.fetch('/api/open/v1/health')).status).toBe(200);
    expect(server.stats().grants.password.ok).toBe(1);
  });

  it('passes a 401 on without a replay, and warns once that the token must be issued again, never quoting it', async () => {
    const server = await emulator();
    const logger = new RecordingLogger();
    const auth = new QontakAccessTokenAuth({ accessToken: DEMO_ACCESS_TOKEN, baseUrl: server.url, logger });
    server.revokeAll();
    for (let call = 0; call < 3; call++) expect((await auth.fetch('/api/open/v1/health')).status).toBe(401);
    expect(server.stats().health).toEqual({ 401: 3 });
    const warnings = logger.lines.filter((line) => line.startsWith('warn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/revoked or replaced.*Qontak dashboard/);
    expect(logger.lines.join('\n')).not.toContain(DEMO_ACCESS_TOKEN);
  });

  it('sends the token to no other origin, not INTO Qontak from elsewhere, and not back after leaving', async () => {
    const server = await emulator();
    const auth = new QontakAccessTokenAuth({ accessToken: TOKEN, baseUrl: server.url });
    const other = await otherOrigin();
    await auth.fetch(`${other.url}/collect`);
    expect(other.seen[0]!.authorization).toBeUndefined();

    const into = await recordingServer(
      (_request, response) => {
        response.writeHead(307, { location: `${qontak.url}/api/open/v1/health` }).end();
      },
      { urlHost: 'localhost' },
    );
    const qontak = await recordingServer((_request, response) => {
      response.writeHead(200).end('{}');
    });
    const recorded = new QontakAccessTokenAuth({ accessToken: TOKEN, baseUrl: qontak.url });
    await recorded.fetch(`${into.url}/start`);
    expect(qontak.requests).toHaveLength(1);
    expect(qontak.requests[0]!.headers.authorization).toBeUndefined();
    await recorded.fetch('/api/open/v1/direct');
    expect(qontak.requests[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
