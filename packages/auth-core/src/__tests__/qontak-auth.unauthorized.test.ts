import type { QontakEmulator } from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { QontakAuth } from '../password/password-auth';
import type { QontakAuthOptions } from '../password/password-auth-options';
import {
  authFor,
  CLIENT_ID,
  CLIENT_SECRET,
  emulator,
  ManualClock,
  RecordingLogger,
} from './support/emulator-fixture';
import { answerUnauthorized, recordingServer, tokenIssuer } from './support/recording-server';

const HEALTH = '/api/open/v1/health';

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

/** Revokes `token` the way another client of the account does: `POST /oauth/revoke` on the emulator. */
async function revokeAtServer(server: QontakEmulator, token: string): Promise<void> {
  const response = await fetch(`${server.url}/oauth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
  });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
}

/** Successful grants the emulator made, of either type. */
function grantsMade(server: QontakEmulator): number {
  const { grants } = server.stats();
  return grants.password.ok + grants.refresh_token.ok;
}

describe('QontakAuth and 401 answers', () => {
  it('replaces a revoked token at once, every time: revoked 2 s after the last recovery, three times over', async () => {
    const clock = new ManualClock();
    const server = await emulator({ clock: clock.read });
    const auth = authFor(server, { clock: clock.read });
    expect((await auth.fetch(HEALTH)).status).toBe(200);
    for (let revocation = 1; revocation <= 3; revocation++) {
      clock.advance(2_000);
      await revokeAtServer(server, await auth.getAccessToken());
      const grantsBefore = grantsMade(server);
      const healthBefore = server.stats().health;
      // Ten requests in flight when the revocation is noticed: each gets one 401 and one replay.
      const responses = await Promise.all(Array.from({ length: 10 }, () => auth.fetch(HEALTH)));
      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
      const health = server.stats().health;
      expect((health[401] ?? 0) - (healthBefore[401] ?? 0)).toBe(10);
      expect((health[200] ?? 0) - (healthBefore[200] ?? 0)).toBe(10);
      expect(grantsMade(server) - grantsBefore).toBe(1);
      // And the next request needs no replay.
      expect((await auth.fetch(HEALTH)).status).toBe(200);
      expect(server.stats().health[401]).toBe(health[401]);
    }
  });

  it('an endpoint that always answers 401 costs at most 3 grants for 40 sequential calls', async () => {
    const { auth, grants, server } = await alwaysUnauthorized();
    for (let call = 0; call < 40; call++) {
      const response = await auth.fetch(HEALTH);
      expect(response.status).toBe(401);
    }
    expect(grants()).toBe(3);
    // The first two calls are replayed once each; the 38 others reach the caller at once.
    expect(server.on(HEALTH)).toHaveLength(42);
    await auth.close();
  });

  it('40 concurrent calls to an endpoint that always answers 401 cost one re-grant', async () => {
    const { auth, grants } = await alwaysUnauthorized();
    const responses = await Promise.all(Array.from({ length: 40 }, () => auth.fetch(HEALTH)));
    expect(responses.every((response) => response.status === 401)).toBe(true);
    expect(grants()).toBe(2);
    await auth.close();
  });

  it('a burst of 40 concurrent 401s for a revoked token: one re-grant, every request replayed once and answered 200', async () => {
    const server = await emulator();
    const auth = authFor(server);
    await auth.getAccessToken();
    server.revokeAll();
    const responses = await Promise.all(Array.from({ length: 40 }, () => auth.fetch(HEALTH)));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 40 }, () => 200));
    expect(server.stats().grants.password.ok).toBe(2);
    expect(server.stats().health).toEqual({ 200: 40, 401: 40 });
  });

  it('then grants again after unauthorizedRegrantIntervalMs, twice that, ... up to 16 times it, and says so in a warning', async () => {
    const clock = new ManualClock();
    const logger = new RecordingLogger();
    const { auth, grants } = await alwaysUnauthorized({ clock: clock.read, logger });
    for (let call = 0; call < 40; call++) await auth.fetch(HEALTH);
    expect(grants()).toBe(3);
    const warnings = () => logger.lines.filter((line) => line.startsWith('warn '));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('60 s');
    expect(warnings()[0]).toContain('unauthorizedRegrantIntervalMs');
    let expected = 3;
    for (const waitSeconds of [60, 120, 240, 480, 960, 960]) {
      clock.advance(waitSeconds * 1_000 - 1_000);
      await auth.fetch(HEALTH);
      expect(grants(), `${waitSeconds - 1} s after the last grant`).toBe(expected);
      clock.advance(1_000);
      await auth.fetch(HEALTH);
      expected += 1;
      expect(grants(), `${waitSeconds} s after the last grant`).toBe(expected);
    }
    // One warning per refused new token, each naming the wait that now holds.
    await auth.fetch(HEALTH);
    expect(warnings().map((line) => /for (\d+) s/.exec(line)?.[1])).toEqual([
      '60',
      '120',
      '240',
      '480',
      '960',
      '960',
      '960',
    ]);
    await auth.close();
  });

  it('a token accepted again starts the bound over', async () => {
    let broken = true;
    const issuer = tokenIssuer();
    const server = await recordingServer((request, response) => {
      if (request.path === '/oauth/token') return issuer.answer(response);
      if (broken) return answerUnauthorized(response);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success"}');
    });
    const auth = new QontakAuth({ baseUrl: server.url, username: 'ops@example.com', password: 'pw' });
    for (let call = 0; call < 40; call++) await auth.fetch(HEALTH);
    expect(issuer.grants()).toBe(3);
    broken = false;
    expect((await auth.fetch(HEALTH)).status).toBe(200);
    broken = true;
    // tok-3 was accepted, so its 401 means it was revoked: replaced at once; then its successor and
    // one more, never accepted, are replaced at once too before the bound holds again.
    for (let call = 0; call < 40; call++) await auth.fetch(HEALTH);
    expect(issuer.grants()).toBe(6);
    await auth.close();
  });

  it('counts as accepted only a 2xx to a request whose last hop carried the token', async () => {
    const foreign = await recordingServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const issuer = tokenIssuer();
    const server = await recordingServer((request, response) => {
      if (request.path === '/oauth/token') return issuer.answer(response);
      if (request.path === '/api/open/v1/elsewhere') {
        response.writeHead(302, { location: `${foreign.url}/landing` }).end();
      } else if (request.path === '/api/open/v1/broken') {
        response.writeHead(500).end();
      } else {
        answerUnauthorized(response);
      }
    });
    const auth = new QontakAuth({ baseUrl: server.url, username: 'ops@example.com', password: 'pw' });
    for (let call = 0; call < 20; call++) {
      expect((await auth.fetch('/api/open/v1/elsewhere')).status).toBe(200);
      expect((await auth.fetch('/api/open/v1/broken')).status).toBe(500);
      expect((await auth.fetch(HEALTH)).status).toBe(401);
    }
    expect(foreign.requests.map((request) => request.headers.authorization)).toEqual(
      Array(20).fill(undefined),
    );
    expect(issuer.grants()).toBe(3);
    await auth.close();
  });

  it('invalidate() after each 401 (the getAccessToken() way, which never reports a success) is bounded the same way', async () => {
    const { auth, grants } = await alwaysUnauthorized();
    for (let call = 0; call < 20; call++) {
      const token = await auth.getAccessToken();
      await auth.invalidate(token);
    }
    expect(grants()).toBe(3);
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
      expect((await auth.fetch(HEALTH)).status).toBe(401);
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
