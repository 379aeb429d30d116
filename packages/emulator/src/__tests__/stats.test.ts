import { describe, expect, it } from 'vitest';
import {
  CLIENT,
  health,
  PASSWORD_GRANT,
  passwordGrant,
  postJson,
  refreshGrant,
  useEmulator,
} from './helpers';

describe('stats, reset and revokeAll', () => {
  const start = useEmulator();

  it('counts grants by type and outcome, token errors by code, health by status, revocations and requests', async () => {
    const emulator = await start();
    const url = `${emulator.url}/oauth/token`;
    const token = await passwordGrant(emulator);
    await postJson(url, { ...PASSWORD_GRANT, password: 'x' });
    await postJson(url, { ...PASSWORD_GRANT, client_secret: 'x' });
    await refreshGrant(emulator, token.refresh_token);
    await refreshGrant(emulator, 'unknown');
    await postJson(url, { grant_type: 'client_credentials', ...CLIENT });
    await postJson(url, {});
    await health(emulator, token.access_token);
    await health(emulator, token.access_token);
    await health(emulator);
    await postJson(`${emulator.url}/oauth/revoke`, { token: token.access_token, ...CLIENT });
    await fetch(`${emulator.url}/nope`);

    expect(emulator.stats()).toEqual({
      grants: { password: { ok: 1, failed: 2 }, refresh_token: { ok: 1, failed: 1 }, total: 5 },
      tokenErrors: { invalid_grant: 2, invalid_client: 1, unsupported_grant_type: 1, invalid_request: 1 },
      health: { 200: 2, 401: 1 },
      gatewayHealth: {},
      broadcasts: { accepted: 0, rejected: 0 },
      botMessages: { accepted: 0, rejected: 0 },
      operations: {},
      revocations: 1,
      requests: 12,
      faultsServed: 0,
    });
  });

  it('counts exactly one grant per request under concurrency', async () => {
    const emulator = await start();
    await Promise.all(Array.from({ length: 50 }, () => passwordGrant(emulator)));
    expect(emulator.stats().grants.password).toEqual({ ok: 50, failed: 0 });
    expect(emulator.stats().requests).toBe(50);
  });

  it('returns a snapshot copy that later requests do not change', async () => {
    const emulator = await start();
    const before = emulator.stats();
    before.grants.password.ok = 99;
    await passwordGrant(emulator);
    expect(before.requests).toBe(0);
    expect(emulator.stats().grants.password.ok).toBe(1);
  });

  it('reset() forgets tokens, stats and pending faults', async () => {
    const emulator = await start();
    const token = await passwordGrant(emulator);
    emulator.faults.inject('token', { type: 'drop' });
    emulator.reset();
    expect(emulator.faults.pending()).toBe(0);
    expect(emulator.stats().requests).toBe(0);
    const res = await health(emulator, token.access_token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('The access token is invalid');
    expect((await refreshGrant(emulator, token.refresh_token)).status).toBe(400);
  });

  it('revokeAll() revokes every issued access and refresh token but keeps issuing new ones', async () => {
    const emulator = await start();
    const a = await passwordGrant(emulator);
    const b = await passwordGrant(emulator);
    emulator.revokeAll();
    for (const t of [a, b]) {
      const res = await health(emulator, t.access_token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('The access token was revoked');
      expect((await refreshGrant(emulator, t.refresh_token)).status).toBe(400);
    }
    const c = await passwordGrant(emulator);
    expect((await health(emulator, c.access_token)).status).toBe(200);
  });

  it('close() does not wait for idle keep-alive sockets and is idempotent', async () => {
    const emulator = await start();
    await passwordGrant(emulator);
    const started = performance.now();
    await Promise.all([emulator.close(), emulator.close()]);
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(fetch(`${emulator.url}/nope`)).rejects.toThrow();
  });
});
