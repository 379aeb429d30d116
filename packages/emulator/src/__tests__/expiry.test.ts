import { describe, expect, it } from 'vitest';
import { challengeOf, health, passwordGrant, refreshGrant, useEmulator } from './helpers';
import type { TokenBody } from './helpers';

describe('token expiry on the injected clock', () => {
  const start = useEmulator();

  it('issues tokens for tokenTtlSeconds and stamps created_at from the clock', async () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0, 500);
    const emulator = await start({ clock: () => now, tokenTtlSeconds: 3 });
    const token = await passwordGrant(emulator);
    expect(token.expires_in).toBe(3);
    expect(token.created_at).toBe(Math.floor(now / 1000));
  });

  it('accepts a token until its TTL has passed, then answers 401 "expired"', async () => {
    let now = 1_000_000;
    const emulator = await start({ clock: () => now, tokenTtlSeconds: 3 });
    const token = await passwordGrant(emulator);
    now += 2_999;
    const live = await health(emulator, token.access_token);
    expect(live.status).toBe(200);
    expect(((await live.json()) as { data: { token_expires_in: number } }).data.token_expires_in).toBe(0);
    now += 1;
    const res = await health(emulator, token.access_token);
    expect(res.status).toBe(401);
    expect(challengeOf(res)).toContain('error_description="The access token expired"');
  });

  it('still refreshes with the refresh token of an expired access token', async () => {
    let now = 1_000_000;
    const emulator = await start({ clock: () => now, tokenTtlSeconds: 60 });
    const token = await passwordGrant(emulator);
    now += 3_600_000;
    const res = await refreshGrant(emulator, token.refresh_token);
    expect(res.status).toBe(200);
    const fresh = (await res.json()) as TokenBody;
    expect(fresh.expires_in).toBe(60);
    expect((await health(emulator, fresh.access_token)).status).toBe(200);
  });

  it('issues already-expired tokens with tokenTtlSeconds 0', async () => {
    const emulator = await start({ tokenTtlSeconds: 0 });
    const token = await passwordGrant(emulator);
    expect(token.expires_in).toBe(0);
    expect((await health(emulator, token.access_token)).status).toBe(401);
  });

  it('rejects invalid options with a RangeError', async () => {
    await expect(start({ tokenTtlSeconds: -1 })).rejects.toThrow(RangeError);
    await expect(start({ port: 70_000 })).rejects.toThrow(RangeError);
    await expect(start({ maxBodyBytes: 0 })).rejects.toThrow(RangeError);
  });
});
