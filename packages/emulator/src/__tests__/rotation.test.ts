import { describe, expect, it } from 'vitest';
import { challengeOf, health, passwordGrant, refreshGrant, useEmulator } from './helpers';
import type { TokenBody } from './helpers';

describe('refresh rotation', () => {
  const start = useEmulator();

  describe("'on-first-use' (Doorkeeper's default)", () => {
    it('lets two refreshes with the same token both succeed before a new access token is used', async () => {
      const emulator = await start();
      const old = await passwordGrant(emulator);
      const a = await refreshGrant(emulator, old.refresh_token);
      const b = await refreshGrant(emulator, old.refresh_token);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      const [tokenA, tokenB] = (await Promise.all([a.json(), b.json()])) as TokenBody[];
      expect(tokenA?.access_token).not.toBe(tokenB?.access_token);
    });

    it('revokes the old refresh token once either new access token is used', async () => {
      const emulator = await start();
      const old = await passwordGrant(emulator);
      const a = (await (await refreshGrant(emulator, old.refresh_token)).json()) as TokenBody;
      const b = (await (await refreshGrant(emulator, old.refresh_token)).json()) as TokenBody;
      expect((await health(emulator, b.access_token)).status).toBe(200);
      expect((await refreshGrant(emulator, old.refresh_token)).status).toBe(400);
      expect((await health(emulator, a.access_token)).status).toBe(200);
      expect((await refreshGrant(emulator, a.refresh_token)).status).toBe(200);
    });

    it('keeps rotating down a chain of refreshes', async () => {
      const emulator = await start();
      let token = await passwordGrant(emulator);
      for (let i = 0; i < 3; i += 1) {
        const next = (await (await refreshGrant(emulator, token.refresh_token)).json()) as TokenBody;
        expect((await health(emulator, next.access_token)).status).toBe(200);
        expect((await health(emulator, token.access_token)).status).toBe(401);
        token = next;
      }
    });
  });

  describe("'immediate'", () => {
    it('revokes the old access and refresh token as soon as the refresh succeeds', async () => {
      const emulator = await start({ refreshRotation: 'immediate' });
      const old = await passwordGrant(emulator);
      const res = await refreshGrant(emulator, old.refresh_token);
      expect(res.status).toBe(200);
      const fresh = (await res.json()) as TokenBody;

      const oldUse = await health(emulator, old.access_token);
      expect(oldUse.status).toBe(401);
      expect(challengeOf(oldUse)).toContain('The access token was revoked');
      expect((await refreshGrant(emulator, old.refresh_token)).status).toBe(400);
      expect((await health(emulator, fresh.access_token)).status).toBe(200);
    });
  });

  it('refuses a refresh token issued to another client with invalid_grant', async () => {
    const emulator = await start({
      clients: [
        { clientId: 'a', clientSecret: 'sa' },
        { clientId: 'b', clientSecret: 'sb' },
      ],
    });
    const grant = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        username: 'demo@example.com',
        password: 'demo-password',
        client_id: 'a',
        client_secret: 'sa',
      }),
    });
    const token = (await grant.json()) as TokenBody;
    const res = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token,
        client_id: 'b',
        client_secret: 'sb',
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });
});
