import diagnosticsChannel from 'node:diagnostics_channel';
import { DEMO_ACCESS_TOKEN } from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { QONTAK_CHANNELS, type QontakGrantEvent } from '../diagnostics';
import { QontakAccessTokenAuth } from '../access-token/access-token-auth';
import { authFor, emulator, PASSWORD } from './support/emulator-fixture';

const unsubscribers: Array<() => void> = [];
afterEach(() => {
  for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
});

/** Every message published on `name` from now until the end of the test. */
function listen(name: string): unknown[] {
  const messages: unknown[] = [];
  const onMessage = (message: unknown) => messages.push(message);
  diagnosticsChannel.subscribe(name, onMessage);
  unsubscribers.push(() => diagnosticsChannel.unsubscribe(name, onMessage));
  return messages;
}

describe('diagnostics channels', () => {
  it('publishes one grant message per grant, success and failure, retries counted', async () => {
    const grants = listen(QONTAK_CHANNELS.grant) as QontakGrantEvent[];
    const server = await emulator();
    const auth = authFor(server);
    await Promise.all(Array.from({ length: 50 }, () => auth.getAccessToken()));
    server.faults.inject('token', { type: 'status', status: 503 }, 1);
    await auth.invalidate(await auth.getAccessToken());
    await auth.getAccessToken();
    expect(grants).toEqual([
      {
        grantType: 'password',
        outcome: 'success',
        durationMs: expect.any(Number),
        attempts: 1,
        errorCode: undefined,
        origin: server.url,
      },
      {
        grantType: 'password',
        outcome: 'success',
        durationMs: expect.any(Number),
        attempts: 2,
        errorCode: undefined,
        origin: server.url,
      },
    ]);
    const wrong = authFor(server, { password: 'wrong-password' });
    await wrong.getAccessToken().catch(() => undefined);
    expect(grants[2]).toMatchObject({
      grantType: 'password',
      outcome: 'failure',
      attempts: 1,
      errorCode: 'invalid_grant',
    });
  });

  it('publishes invalidations (revoked, replaced, dropped, kept, final) and cooldowns', async () => {
    const invalidations = listen(QONTAK_CHANNELS.invalidate);
    const cooldowns = listen(QONTAK_CHANNELS.cooldown);
    const server = await emulator();
    const auth = authFor(server);
    const first = await auth.getAccessToken();
    auth.handleAccepted({ authorization: `Bearer ${first}` });
    await auth.invalidate(first);
    await auth.invalidate(first);
    await auth.invalidate(await auth.getAccessToken());
    await auth.invalidate(await auth.getAccessToken());
    await auth.invalidate(await auth.getAccessToken());
    const token = new QontakAccessTokenAuth({ baseUrl: server.url, accessToken: DEMO_ACCESS_TOKEN });
    await token.handleUnauthorized({ authorization: `Bearer ${DEMO_ACCESS_TOKEN}` });
    expect(invalidations).toEqual([
      { scheme: 'password', outcome: 'revoked' },
      { scheme: 'password', outcome: 'replaced' },
      { scheme: 'password', outcome: 'dropped' },
      { scheme: 'password', outcome: 'dropped' },
      { scheme: 'password', outcome: 'kept' },
      { scheme: 'access-token', outcome: 'final' },
    ]);
    await authFor(server, { password: 'wrong-password', credentialFailureCooldownMs: 30_000 })
      .getAccessToken()
      .catch(() => undefined);
    expect(cooldowns).toEqual([{ errorCode: 'invalid_grant', cooldownMs: 30_000 }]);
  });

  it('never puts a secret in a message', async () => {
    const all = [
      listen(QONTAK_CHANNELS.grant),
      listen(QONTAK_CHANNELS.invalidate),
      listen(QONTAK_CHANNELS.cooldown),
    ];
    const server = await emulator();
    const auth = authFor(server);
    const token = await auth.getAccessToken();
    await auth.invalidate(token);
    await authFor(server, { password: 'wrong-password' })
      .getAccessToken()
      .catch(() => undefined);
    const text = JSON.stringify(all);
    expect(all.flat().length).toBeGreaterThanOrEqual(4);
    for (const secret of [token, PASSWORD, 'wrong-password']) expect(text).not.toContain(secret);
  });

  it('builds and publishes nothing while no one subscribes', async () => {
    const channel = diagnosticsChannel.channel(QONTAK_CHANNELS.grant);
    expect(channel.hasSubscribers).toBe(false);
    let published = 0;
    const publish = channel.publish.bind(channel);
    channel.publish = (message: unknown) => {
      published += 1;
      publish(message);
    };
    try {
      const server = await emulator();
      await authFor(server).getAccessToken();
      expect(server.stats().grants.total).toBe(1);
      expect(published).toBe(0);
    } finally {
      channel.publish = publish;
    }
  });
});
