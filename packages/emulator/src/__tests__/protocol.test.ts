import { describe, expect, it } from 'vitest';
import { FULFILLMENT_CLIENT_ID, FULFILLMENT_CLIENT_SECRET } from '../index';
import {
  CLIENT,
  challengeOf,
  health,
  INVALID_CLIENT_DESCRIPTION,
  INVALID_GRANT_DESCRIPTION,
  PASSWORD_GRANT,
  passwordGrant,
  postForm,
  postJson,
  refreshGrant,
  useEmulator,
} from './helpers';
import type { TokenBody } from './helpers';

// One test per row of the "Protocol facts" table in DESIGN.md.
describe('emulator protocol (DESIGN.md protocol facts)', () => {
  const start = useEmulator();

  it('answers a password grant with 200, the Doorkeeper token shape without scope, and no-store', async () => {
    const now = Date.now();
    const emulator = await start();
    const res = await postJson(`${emulator.url}/oauth/token`, PASSWORD_GRANT);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    const body = (await res.json()) as TokenBody;
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'created_at',
      'expires_in',
      'refresh_token',
      'token_type',
    ]);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(7200);
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.refresh_token).not.toBe(body.access_token);
    expect(Number.isInteger(body.created_at)).toBe(true);
    expect(Math.abs(body.created_at - Math.floor(now / 1000))).toBeLessThanOrEqual(2);
  });

  it('answers a refresh grant with 200, the same shape and a rotated refresh token', async () => {
    const emulator = await start();
    const first = await passwordGrant(emulator);
    const res = await refreshGrant(emulator, first.refresh_token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const second = (await res.json()) as TokenBody;
    expect(second.token_type).toBe('Bearer');
    expect(second.expires_in).toBe(7200);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(Object.keys(second)).not.toContain('scope');
  });

  it.each([
    ['a wrong password', { ...PASSWORD_GRANT, password: 'nope' }],
    ['an unknown username', { ...PASSWORD_GRANT, username: 'who@example.com' }],
    ['an unknown refresh token', { grant_type: 'refresh_token', refresh_token: 'not-a-token', ...CLIENT }],
  ])('answers 400 invalid_grant for %s', async (_name, body) => {
    const emulator = await start();
    const res = await postJson(`${emulator.url}/oauth/token`, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_grant',
      error_description: INVALID_GRANT_DESCRIPTION,
    });
  });

  it('answers 400 invalid_grant for a revoked refresh token and for a used-up (rotated away) one', async () => {
    const emulator = await start();
    const revoked = await passwordGrant(emulator);
    await postJson(`${emulator.url}/oauth/revoke`, { token: revoked.refresh_token, ...CLIENT });
    expect((await refreshGrant(emulator, revoked.refresh_token)).status).toBe(400);

    const old = await passwordGrant(emulator);
    const fresh = (await (await refreshGrant(emulator, old.refresh_token)).json()) as TokenBody;
    expect((await health(emulator, fresh.access_token)).status).toBe(200);
    const res = await refreshGrant(emulator, old.refresh_token);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it.each([
    ['a wrong client secret', { ...PASSWORD_GRANT, client_secret: 'wrong' }],
    ['an unknown client id', { ...PASSWORD_GRANT, client_id: 'unknown' }],
    [
      'no client credentials',
      { grant_type: 'password', username: 'demo@example.com', password: 'demo-password' },
    ],
  ])('answers 401 invalid_client for %s', async (_name, body) => {
    const emulator = await start();
    const res = await postJson(`${emulator.url}/oauth/token`, body);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: 'invalid_client',
      error_description: INVALID_CLIENT_DESCRIPTION,
    });
  });

  it.each([
    ['grant_type', { username: 'demo@example.com', password: 'demo-password', ...CLIENT }],
    ['username', { grant_type: 'password', password: 'demo-password', ...CLIENT }],
    ['password', { grant_type: 'password', username: 'demo@example.com', ...CLIENT }],
    ['refresh_token', { grant_type: 'refresh_token', ...CLIENT }],
  ])('answers 400 invalid_request naming a missing %s', async (param, body) => {
    const emulator = await start();
    const res = await postJson(`${emulator.url}/oauth/token`, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      error_description: `Missing required parameter: ${param}.`,
    });
  });

  it('answers 400 unsupported_grant_type for a grant type that is not enabled', async () => {
    const emulator = await start();
    const res = await postJson(`${emulator.url}/oauth/token`, {
      grant_type: 'client_credentials',
      ...CLIENT,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'The authorization grant type is not supported by the authorization server.',
    });
  });

  it('sends a Doorkeeper WWW-Authenticate challenge and no-store on every token-endpoint error', async () => {
    const emulator = await start();
    const cases: [unknown, string][] = [
      [{ ...PASSWORD_GRANT, password: 'x' }, 'invalid_grant'],
      [{ ...PASSWORD_GRANT, client_secret: 'x' }, 'invalid_client'],
      [{}, 'invalid_request'],
      [{ grant_type: 'implicit' }, 'unsupported_grant_type'],
    ];
    for (const [body, error] of cases) {
      const res = await postJson(`${emulator.url}/oauth/token`, body);
      const json = (await res.json()) as { error: string; error_description: string };
      expect(json.error).toBe(error);
      expect(challengeOf(res)).toBe(
        `Bearer realm="Doorkeeper", error="${error}", error_description="${json.error_description}"`,
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers the protected API with an empty text/html 401 and an invalid_token challenge for a missing, invalid, expired or revoked token', async () => {
    let now = Date.now();
    const emulator = await start({ clock: () => now });
    const expired = await passwordGrant(emulator);
    now += 7200 * 1000;
    const revoked = await passwordGrant(emulator);
    await postJson(`${emulator.url}/oauth/revoke`, { token: revoked.access_token, ...CLIENT });

    const cases: [string | undefined, string][] = [
      [undefined, 'The access token is invalid'],
      ['not-a-token', 'The access token is invalid'],
      [expired.access_token, 'The access token expired'],
      [revoked.access_token, 'The access token was revoked'],
    ];
    for (const [token, description] of cases) {
      const res = await health(emulator, token);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(challengeOf(res)).toBe(
        `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"`,
      );
      expect(await res.text()).toBe('');
    }
  });

  it('revokes with 200 {} (also for an unknown token) and refuses a wrong client secret with 403 unauthorized_client', async () => {
    const emulator = await start();
    const token = await passwordGrant(emulator);

    const wrong = await postJson(`${emulator.url}/oauth/revoke`, {
      token: token.access_token,
      ...CLIENT,
      client_secret: 'x',
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({
      error: 'unauthorized_client',
      error_description: 'You are not authorized to revoke this token',
    });
    expect((await health(emulator, token.access_token)).status).toBe(200);

    const ok = await postJson(`${emulator.url}/oauth/revoke`, { token: token.access_token, ...CLIENT });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({});
    expect((await health(emulator, token.access_token)).status).toBe(401);
    expect((await refreshGrant(emulator, token.refresh_token)).status).toBe(400);

    const unknown = await postJson(`${emulator.url}/oauth/revoke`, { token: 'unknown', ...CLIENT });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({});
  });

  it('keeps the old pair working after a refresh until the new access token is first used, then revokes it', async () => {
    const emulator = await start();
    const old = await passwordGrant(emulator);
    const fresh = (await (await refreshGrant(emulator, old.refresh_token)).json()) as TokenBody;

    expect((await health(emulator, old.access_token)).status).toBe(200);
    expect((await health(emulator, fresh.access_token)).status).toBe(200);

    const oldUse = await health(emulator, old.access_token);
    expect(oldUse.status).toBe(401);
    expect(challengeOf(oldUse)).toContain('The access token was revoked');
    const oldRefresh = await refreshGrant(emulator, old.refresh_token);
    expect(oldRefresh.status).toBe(400);
    expect(((await oldRefresh.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('accepts a JSON body, a form-encoded body, and client credentials by HTTP Basic', async () => {
    const emulator = await start();
    const url = `${emulator.url}/oauth/token`;
    expect((await postJson(url, PASSWORD_GRANT)).status).toBe(200);
    expect((await postForm(url, PASSWORD_GRANT)).status).toBe(200);

    const basic = `Basic ${Buffer.from(`${FULFILLMENT_CLIENT_ID}:${FULFILLMENT_CLIENT_SECRET}`).toString('base64')}`;
    const noClient = { grant_type: 'password', username: 'demo@example.com', password: 'demo-password' };
    expect((await postForm(url, noClient, { Authorization: basic })).status).toBe(200);
    expect((await postJson(url, noClient, { Authorization: basic })).status).toBe(200);
    const wrongBasic = `Basic ${Buffer.from(`${FULFILLMENT_CLIENT_ID}:wrong`).toString('base64')}`;
    expect((await postJson(url, PASSWORD_GRANT, { Authorization: wrongBasic })).status).toBe(401);
  });

  it('answers health with a valid token in the Qontak envelope, bearer scheme in any case', async () => {
    const emulator = await start();
    const token = await passwordGrant(emulator);
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const res = await health(emulator, token.access_token, scheme);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { status: string; data: { status: string } };
      expect(body.status).toBe('success');
      expect(body.data.status).toBe('ok');
    }
  });

  it('answers unknown routes and wrong methods with 404 in the Qontak error envelope', async () => {
    const emulator = await start();
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/oauth/token'],
      ['POST', '/api/open/v1/health'],
    ] as const) {
      const res = await fetch(`${emulator.url}${path}`, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ status: 'error', error: { code: 404, messages: ['Not found'] } });
    }
  });
});
