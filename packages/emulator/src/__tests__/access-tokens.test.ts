import { describe, expect, it } from 'vitest';
import { DEMO_ACCESS_TOKEN, FULFILLMENT_CLIENT_ID, FULFILLMENT_CLIENT_SECRET, startEmulator } from '../index';
import { challengeOf, CLIENT, health, passwordGrant, postForm, postJson, useEmulator } from './helpers';

const REVOKED =
  'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token was revoked"';
const INVALID =
  'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"';

describe('static (dashboard) access tokens', () => {
  const start = useEmulator();

  it('DEMO_ACCESS_TOKEN is a fixed 43-character URL-safe token, accepted by default', async () => {
    expect(DEMO_ACCESS_TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const emulator = await start();
    const res = await health(emulator, DEMO_ACCESS_TOKEN);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'success',
      data: { status: 'ok', service: 'qontak-emulator', token_expires_in: null },
    });
  });

  it('never expires on the injected clock, unlike an issued token', async () => {
    let now = Date.UTC(2030, 0, 1);
    const emulator = await start({ clock: () => now, tokenTtlSeconds: 60 });
    const issued = await passwordGrant(emulator);
    now += 10 * 365 * 24 * 3600 * 1000;
    expect((await health(emulator, issued.access_token)).status).toBe(401);
    expect((await health(emulator, DEMO_ACCESS_TOKEN)).status).toBe(200);
  });

  it('accepts the configured accessTokens and only them; [] accepts none', async () => {
    const emulator = await start({ accessTokens: ['team-token-1', 'team-token-2'] });
    expect((await health(emulator, 'team-token-1')).status).toBe(200);
    expect((await health(emulator, 'team-token-2')).status).toBe(200);
    const demo = await health(emulator, DEMO_ACCESS_TOKEN);
    expect(demo.status).toBe(401);
    expect(challengeOf(demo)).toBe(INVALID);

    const none = await start({ accessTokens: [] });
    expect((await health(none, DEMO_ACCESS_TOKEN)).status).toBe(401);
  });

  it('is revoked by POST /oauth/revoke with valid client credentials (JSON, form or HTTP Basic), then gets Doorkeeper 401 "was revoked"', async () => {
    const emulator = await start({ accessTokens: ['token-a', 'token-b', 'token-c'] });
    const url = `${emulator.url}/oauth/revoke`;
    const basic = `Basic ${Buffer.from(`${FULFILLMENT_CLIENT_ID}:${FULFILLMENT_CLIENT_SECRET}`).toString('base64')}`;

    const json = await postJson(url, { token: 'token-a', ...CLIENT });
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({});
    expect((await postForm(url, { token: 'token-b', ...CLIENT })).status).toBe(200);
    expect((await postJson(url, { token: 'token-c' }, { Authorization: basic })).status).toBe(200);

    for (const token of ['token-a', 'token-b', 'token-c']) {
      const res = await health(emulator, token);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(challengeOf(res)).toBe(REVOKED);
      expect(await res.text()).toBe('');
    }
    expect(emulator.stats().revocations).toBe(3);
  });

  it('refuses to revoke with missing or wrong client credentials (403 unauthorized_client) and keeps working', async () => {
    const emulator = await start();
    const url = `${emulator.url}/oauth/revoke`;
    for (const body of [
      { token: DEMO_ACCESS_TOKEN },
      { token: DEMO_ACCESS_TOKEN, ...CLIENT, client_secret: 'wrong' },
      { token: DEMO_ACCESS_TOKEN, client_id: 'unknown', client_secret: 'x' },
    ]) {
      const res = await postJson(url, body);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error: 'unauthorized_client',
        error_description: 'You are not authorized to revoke this token',
      });
    }
    expect((await health(emulator, DEMO_ACCESS_TOKEN)).status).toBe(200);
    expect(emulator.stats().revocations).toBe(0);
  });

  it('revoking one static token leaves the others and issued tokens alone', async () => {
    const emulator = await start({ accessTokens: ['keep-me', 'drop-me'] });
    const issued = await passwordGrant(emulator);
    await postJson(`${emulator.url}/oauth/revoke`, { token: 'drop-me', ...CLIENT });
    expect((await health(emulator, 'drop-me')).status).toBe(401);
    expect((await health(emulator, 'keep-me')).status).toBe(200);
    expect((await health(emulator, issued.access_token)).status).toBe(200);
  });

  it('revokeAll() revokes static tokens too, and reset() restores them', async () => {
    const emulator = await start();
    emulator.revokeAll();
    const revoked = await health(emulator, DEMO_ACCESS_TOKEN);
    expect(revoked.status).toBe(401);
    expect(challengeOf(revoked)).toBe(REVOKED);

    emulator.reset();
    expect((await health(emulator, DEMO_ACCESS_TOKEN)).status).toBe(200);

    await postJson(`${emulator.url}/oauth/revoke`, { token: DEMO_ACCESS_TOKEN, ...CLIENT });
    expect((await health(emulator, DEMO_ACCESS_TOKEN)).status).toBe(401);
    emulator.reset();
    expect((await health(emulator, DEMO_ACCESS_TOKEN)).status).toBe(200);
  });

  it('is not a refresh token: a refresh grant with it is invalid_grant', async () => {
    const emulator = await start();
    const res = await postJson(`${emulator.url}/oauth/token`, {
      grant_type: 'refresh_token',
      refresh_token: DEMO_ACCESS_TOKEN,
      ...CLIENT,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await health(emulator, DEMO_ACCESS_TOKEN)).status).toBe(200);
  });

  it.each([[''], ['has space'], ['tab\there'], [42]])(
    'rejects accessTokens entry %j at start',
    async (token) => {
      await expect(startEmulator({ accessTokens: [token as string] })).rejects.toThrow(
        /accessTokens\[0\] must be a non-empty string of visible ASCII without spaces/,
      );
    },
  );
});
