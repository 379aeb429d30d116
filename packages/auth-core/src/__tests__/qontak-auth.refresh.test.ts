import { describe, expect, it } from 'vitest';
import { authFor, emulator, healthStatus, ManualClock, nextToken } from './support/emulator-fixture';

const HOUR = 3_600_000;

describe('QontakAuth refresh', () => {
  it('serves the cached token inside the refresh window while exactly one background refresh runs', async () => {
    const clock = new ManualClock();
    const server = await emulator({ clock: clock.read, tokenTtlSeconds: 7200 });
    const tokens = nextToken();
    const auth = authFor(server, { clock: clock.read, onToken: tokens.onToken });
    const first = await auth.getAccessToken();

    clock.advance(2 * HOUR - 200_000); // inside the 5-minute window, outside the 10-second margin
    const landed = tokens.next();
    const during = await Promise.all(Array.from({ length: 200 }, () => auth.getAccessToken()));
    expect(new Set(during)).toEqual(new Set([first]));

    const refreshed = await landed;
    expect(refreshed).not.toBe(first);
    expect(await auth.getAccessToken()).toBe(refreshed);
    expect(server.stats().grants.refresh_token).toEqual({ ok: 1, failed: 0 });
    expect(server.stats().grants.password.ok).toBe(1);
    expect(await healthStatus(server, refreshed)).toBe(200);
  });

  it('makes callers wait for one shared grant once the token is (nearly) expired', async () => {
    const clock = new ManualClock();
    const server = await emulator({ clock: clock.read });
    const auth = authFor(server, { clock: clock.read });
    const first = await auth.getAccessToken();

    clock.advance(2 * HOUR - 5_000); // inside the 10-second margin: no longer handed out
    const tokens = await Promise.all(Array.from({ length: 300 }, () => auth.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first);
    expect(server.stats().grants.total).toBe(2);
    expect(await healthStatus(server, tokens[0]!)).toBe(200);
  });

  it('falls back to the password grant when the refresh token was revoked', async () => {
    const clock = new ManualClock();
    const server = await emulator({ clock: clock.read });
    const auth = authFor(server, { clock: clock.read });
    await auth.getAccessToken();
    server.revokeAll();

    clock.advance(2 * HOUR - 1_000);
    const token = await auth.getAccessToken();
    expect(await healthStatus(server, token)).toBe(200);
    const { grants } = server.stats();
    expect(grants.refresh_token).toEqual({ ok: 0, failed: 1 });
    expect(grants.password).toEqual({ ok: 2, failed: 0 });
  });

  it('falls back to the password grant when another replica rotated the refresh token away', async () => {
    const clock = new ManualClock();
    const server = await emulator({ clock: clock.read, refreshRotation: 'immediate' });
    const replicaA = authFor(server, { clock: clock.read });
    const first = await replicaA.getToken();
    // Replica B refreshes with the same refresh token first (by hand, as another process would).
    const rotated = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        refresh_token: first.refreshToken,
        client_id: 'client-id-for-tests',
        client_secret: 'S3ntinel-ClientSecret-4be1d0',
      }),
    });
    expect(rotated.status).toBe(200);

    clock.advance(2 * HOUR);
    const token = await replicaA.getAccessToken();
    expect(await healthStatus(server, token)).toBe(200);
    expect(server.stats().grants.refresh_token).toEqual({ ok: 1, failed: 1 });
    expect(server.stats().grants.password.ok).toBe(2);
  });

  it('waits the retry delay before another background refresh after one fails', async () => {
    const clock = new ManualClock();
    const server = await emulator({ clock: clock.read });
    const warnings: string[] = [];
    const auth = authFor(server, {
      clock: clock.read,
      retry: { attempts: 1 },
      refreshRetryDelayMs: 30_000,
      logger: { warn: (message) => warnings.push(message) },
    });
    const first = await auth.getAccessToken();
    server.faults.inject('token', { type: 'status', status: 503 }, 1);

    clock.advance(2 * HOUR - 200_000);
    expect(await auth.getAccessToken()).toBe(first);
    await expect.poll(() => warnings.some((w) => w.includes('background token refresh failed'))).toBe(true);

    clock.advance(10_000); // within the retry delay: no new attempt
    expect(await auth.getAccessToken()).toBe(first);
    expect(server.stats().faultsServed).toBe(1);
    expect(server.stats().grants.total).toBe(1);

    clock.advance(25_000); // past it: one more background refresh, which succeeds
    expect(await auth.getAccessToken()).toBe(first);
    await expect.poll(() => server.stats().grants.refresh_token.ok).toBe(1);
  });

  it('keeps a 3-second token working under load: refresh after 1.5 s, never a stale token', async () => {
    const clock = new ManualClock();
    const server = await emulator({ clock: clock.read, tokenTtlSeconds: 3 });
    const tokens = nextToken();
    const auth = authFor(server, { clock: clock.read, onToken: tokens.onToken });
    const first = await auth.getAccessToken();

    clock.advance(1_400);
    expect(await auth.getAccessToken()).toBe(first);
    expect(server.stats().grants.total).toBe(1);

    clock.advance(200); // 1.6 s: inside the window (half the lifetime)
    const landed = tokens.next();
    expect(await auth.getAccessToken()).toBe(first);
    const second = await landed;
    expect(await healthStatus(server, second)).toBe(200);

    clock.advance(2_800); // the first token is long gone; the second is at 2.8 s of 3: stale
    const third = await auth.getAccessToken();
    expect(third).not.toBe(second);
    expect(await healthStatus(server, third)).toBe(200);
  });

  it('keeps a 345-day token until 5 minutes before its expiry, then refreshes it in the background', async () => {
    const clock = new ManualClock();
    const server = await emulator({ clock: clock.read, tokenTtlSeconds: 29_823_918 });
    const tokens = nextToken();
    const auth = authFor(server, { clock: clock.read, onToken: tokens.onToken });
    const token = await auth.getToken();
    expect(token.expiresAt).toBe(clock.now + 29_823_918_000);

    clock.advance(29_823_918_000 - 400_000); // 6.7 minutes before expiry: still fresh
    expect(await auth.getAccessToken()).toBe(token.accessToken);
    expect(server.stats().grants.total).toBe(1);

    clock.advance(200_000); // 3.3 minutes before expiry: inside the window
    const landed = tokens.next();
    expect(await auth.getAccessToken()).toBe(token.accessToken);
    expect(await healthStatus(server, await landed)).toBe(200);
    expect(server.stats().grants.refresh_token.ok).toBe(1);
  });

  it("requests another token when the clock passed the first one's expiry while it was in flight", async () => {
    const clock = new ManualClock();
    const server = await emulator({ clock: clock.read, tokenTtlSeconds: 60 });
    let stalls = 1;
    const stallingFetch: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (stalls-- > 0) clock.advance(120_000); // the process stalled for 2 minutes after the answer
      return response;
    };
    const auth = authFor(server, { clock: clock.read, fetch: stallingFetch });
    const token = await auth.getToken();
    expect(token.expiresAt).toBeGreaterThan(clock.now);
    expect(await healthStatus(server, token.accessToken)).toBe(200);
    expect(server.stats().grants.total).toBe(2);
  });

  it('with the real clock, refreshes a 2-second token in the background and never hands out a stale one', async () => {
    const server = await emulator({ tokenTtlSeconds: 2 });
    const auth = authFor(server);
    const seen = new Set<string>();
    const started = Date.now();
    while (Date.now() - started < 3_500) {
      const token = await auth.getAccessToken();
      seen.add(token);
      // Every token handed out is live when it is handed out.
      expect(await healthStatus(server, token)).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // 2 s tokens refresh after 1 s: in 3.5 s at least two refreshes happened, each in the background.
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(server.stats().grants.refresh_token.ok).toBeGreaterThanOrEqual(2);
    expect(server.stats().grants.password.ok).toBe(1);
    expect(await healthStatus(server, await auth.getAccessToken())).toBe(200);
  });
});
