import { QontakAuth, QontakToken } from '@qontak/auth-core';
import { serializeToken } from '@qontak/auth-core/store';
import { startEmulator, type QontakEmulator } from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../redis-token-store';
import { useRedis } from './support/redis-fixture';

const USERNAME = 'stored@example.com';
const PASSWORD = 'S3ntinel-Stored-Password-7d21';
const UNSENDABLE = 'S3ntinel-redis\r\nX-Injected: yes';

const { connected } = useRedis();
const emulators: QontakEmulator[] = [];
const auths: QontakAuth[] = [];

afterEach(async () => {
  await Promise.all(auths.splice(0).map((auth) => auth.close()));
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

describe('RedisTokenStore holding a token no request can carry', () => {
  it('is read past: one grant replaces it in Redis, and the warning never quotes it', async () => {
    const emulator = await startEmulator({ users: [{ username: USERNAME, password: PASSWORD }] });
    emulators.push(emulator);
    const redis = await connected();
    const store = new RedisTokenStore(redis, { keyPrefix: `stored-${process.pid}:` });
    const warnings: string[] = [];
    const auth = new QontakAuth({
      baseUrl: emulator.url,
      username: USERNAME,
      password: PASSWORD,
      store,
      logger: { warn: (message, context) => warnings.push(`${message} ${JSON.stringify(context)}`) },
    });
    auths.push(auth);
    // What another process (an older version, a person with redis-cli) left under the key.
    const planted = new QontakToken({ accessToken: UNSENDABLE, expiresAt: Date.now() + 3_600_000 });
    await redis.set(`stored-${process.pid}:${auth.storeKey}`, serializeToken(planted), 'PX', 3_600_000);

    const response = await auth.fetch(auth.healthUrl);
    expect(response.status).toBe(200);
    expect(emulator.stats().grants.password.ok).toBe(1);
    expect((await store.get(auth.storeKey))?.accessToken).toBe(await auth.getAccessToken());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot be used; ignoring it/);
    expect(warnings[0]).not.toContain('S3ntinel-redis');
  });
});
