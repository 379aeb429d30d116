import { describe, expect, it } from 'vitest';
import { QontakAuth } from '../qontak-auth';
import type { QontakAuthOptions } from '../qontak-auth-options';
import { authFor, emulator, ManualClock } from './support/emulator-fixture';
import { answerUnauthorized, recordingServer, tokenIssuer } from './support/recording-server';

/** A Qontak stand-in whose API answers every request 401 (a broken endpoint, a token Qontak will not take). */
async function alwaysUnauthorized(options: Partial<QontakAuthOptions> = {}) {
  const issuer = tokenIssuer();
  const server = await recordingServer((request, response) => {
    if (request.path === '/oauth/token') return issuer.answer(response);
    answerUnauthorized(response);
  });
  const auth = new QontakAuth({
    baseUrl: server.url,
    username: 'ops@example.com',
    password: 'pw',
    ...options,
  });
  return { server, auth, grants: issuer.grants };
}

describe('QontakAuth and 401 answers', () => {
  it('an endpoint that always answers 401 costs one re-grant, not one per call (40 sequential calls)', async () => {
    const { auth, grants, server } = await alwaysUnauthorized();
    for (let call = 0; call < 40; call++) {
      const response = await auth.fetch('/api/open/v1/health');
      expect(response.status).toBe(401);
    }
    expect(grants()).toBe(2);
    // The first call is replayed once; the 39 others reach the caller at once.
    expect(server.on('/api/open/v1/health')).toHaveLength(41);
    await auth.close();
  });

  it('40 concurrent calls to an endpoint that always answers 401 cost one re-grant', async () => {
    const { auth, grants } = await alwaysUnauthorized();
    const responses = await Promise.all(Array.from({ length: 40 }, () => auth.fetch('/api/open/v1/health')));
    expect(responses.every((response) => response.status === 401)).toBe(true);
    expect(grants()).toBe(2);
    await auth.close();
  });

  it('a burst of 40 concurrent 401s for a revoked token: one re-grant, every request replayed once and answered 200', async () => {
    const server = await emulator();
    const auth = authFor(server);
    await auth.getAccessToken();
    server.revokeAll();
    const responses = await Promise.all(Array.from({ length: 40 }, () => auth.fetch('/api/open/v1/health')));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 40 }, () => 200));
    expect(server.stats().grants.password.ok).toBe(2);
    expect(server.stats().health).toEqual({ 200: 40, 401: 40 });
  });

  it('re-grants after a 401 again once unauthorizedRegrantIntervalMs has passed, and not before', async () => {
    const clock = new ManualClock();
    const { auth, grants } = await alwaysUnauthorized({
      clock: clock.read,
      unauthorizedRegrantIntervalMs: 60_000,
    });
    await auth.fetch('/api/open/v1/health');
    expect(grants()).toBe(2);
    clock.advance(59_000);
    await auth.fetch('/api/open/v1/health');
    expect(grants()).toBe(2);
    clock.advance(2_000);
    await auth.fetch('/api/open/v1/health');
    expect(grants()).toBe(3);
    await auth.close();
  });

  it('invalidate() after each 401 (the getAccessToken() way) is bounded the same way', async () => {
    const { auth, grants } = await alwaysUnauthorized();
    for (let call = 0; call < 20; call++) {
      const token = await auth.getAccessToken();
      await auth.invalidate(token);
    }
    expect(grants()).toBe(2);
    await auth.close();
  });

  it('a 401 from another origin reached by a redirect never drops the token', async () => {
    const foreign = await recordingServer((_request, response) => answerUnauthorized(response), {
      urlHost: 'localhost',
    });
    const issuer = tokenIssuer();
    const server = await recordingServer((request, response) => {
      if (request.path === '/oauth/token') return issuer.answer(response);
      response.writeHead(302, { location: `${foreign.url}/elsewhere` }).end();
    });
    const auth = new QontakAuth({ baseUrl: server.url, username: 'ops@example.com', password: 'pw' });
    for (let call = 0; call < 5; call++) {
      expect((await auth.fetch('/api/open/v1/health')).status).toBe(401);
    }
    expect(issuer.grants()).toBe(1);
    expect(await auth.getAccessToken()).toBe('tok-1');
    await auth.close();
  });

  it('refuses an unauthorizedRegrantIntervalMs that is not a duration', () => {
    expect(
      () =>
        new QontakAuth({
          baseUrl: 'https://chat-service.qontak.com',
          username: 'u',
          password: 'p',
          unauthorizedRegrantIntervalMs: -1,
        }),
    ).toThrow(/unauthorizedRegrantIntervalMs/);
  });
});
