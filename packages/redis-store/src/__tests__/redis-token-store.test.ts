import { setTimeout as delay } from 'node:timers/promises';
import { QontakToken, isQontakAuthError } from '@qontak/auth-core';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../redis-token-store';
import { freshKey, token, useRedis } from './support/redis-fixture';

const redisFixture = useRedis();
const { connected } = redisFixture;

describe('RedisTokenStore', () => {
  it('returns the token it stored, token strings and times included', async () => {
    const store = new RedisTokenStore(await connected());
    const key = freshKey();
    const stored = token();
    await store.set(key, stored);
    const read = await store.get(key);
    expect(read).toBeInstanceOf(QontakToken);
    expect(read?.accessToken).toBe(stored.accessToken);
    expect(read?.refreshToken).toBe(stored.refreshToken);
    expect(read?.expiresAt).toBe(stored.expiresAt);
    expect(read?.createdAt).toBe(stored.createdAt);
    expect(read?.issuedAt).toBe(stored.issuedAt);
  });

  it('deleteIf forgets the entry only while it holds that access token (plain and encrypted)', async () => {
    for (const store of [
      new RedisTokenStore(await connected()),
      new RedisTokenStore(await connected(), { encryptionKey: Buffer.alloc(32, 7) }),
    ]) {
      const key = freshKey();
      const older = token();
      const newer = token();
      await store.set(key, newer);
      await store.deleteIf(key, older.accessToken);
      expect((await store.get(key))?.accessToken).toBe(newer.accessToken);
      await store.deleteIf(key, newer.accessToken);
      await expect(store.get(key)).resolves.toBeUndefined();
    }
  });

  it('returns undefined for a key it never stored', async () => {
    const store = new RedisTokenStore(await connected());
    await expect(store.get(freshKey())).resolves.toBeUndefined();
  });

  it('forgets a deleted token', async () => {
    const store = new RedisTokenStore(await connected());
    const key = freshKey();
    await store.set(key, token());
    await store.delete(key);
    await expect(store.get(key)).resolves.toBeUndefined();
  });

  it('lets the entry expire in Redis together with the token', async () => {
    const redis = await connected();
    const store = new RedisTokenStore(redis);
    const key = freshKey();
    await store.set(key, token(400));
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(400);
    await delay(500);
    expect(await redis.exists(key)).toBe(0);
    await expect(store.get(key)).resolves.toBeUndefined();
  });

  it('deletes the entry when asked to store a token that has already expired', async () => {
    const store = new RedisTokenStore(await connected());
    const key = freshKey();
    await store.set(key, token());
    await store.set(key, token(-1_000));
    await expect(store.get(key)).resolves.toBeUndefined();
  });

  it('writes under keyPrefix, and the default prefix is empty (the core key already starts with qontak:)', async () => {
    const redis = await connected();
    const key = freshKey();
    await new RedisTokenStore(redis).set(key, token());
    await new RedisTokenStore(redis, { keyPrefix: 'staging:' }).set(key, token());
    expect(await redis.exists(key)).toBe(1);
    expect(await redis.exists(`staging:${key}`)).toBe(1);
  });

  it('reads an entry that is not a serialized token as no token', async () => {
    const redis = await connected();
    const key = freshKey();
    await redis.set(key, 'not json at all');
    await expect(new RedisTokenStore(redis).get(key)).resolves.toBeUndefined();
  });

  it('throws (instead of waiting) when Redis cannot be reached, so the core can report it', async () => {
    const down = redisFixture.client(1);
    await down.connect().catch(() => undefined);
    const store = new RedisTokenStore(down);
    const started = Date.now();
    await expect(store.get(freshKey())).rejects.toThrow();
    await expect(store.set(freshKey(), token())).rejects.toThrow();
    await expect(store.lock(freshKey(), 10_000)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses a lockWaitMs above 2147483647 ms (a Node timer that long fires after 1 ms)', async () => {
    const redis = await connected();
    expect(() => new RedisTokenStore(redis, { lockWaitMs: 2_147_483_647 })).not.toThrow();
    let error: unknown;
    try {
      new RedisTokenStore(redis, { lockWaitMs: 2_147_483_648 });
    } catch (caught) {
      error = caught;
    }
    expect(isQontakAuthError(error) && error.code).toBe('config_error');
    expect((error as Error).message).toContain('lockWaitMs');
    expect((error as Error).message).toContain('at most 2147483647 ms');
  });
});

/** How `call` settled within `ms`: its error, `'resolved'`, or `'hung'`. */
async function settleWithin(ms: number, call: Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      call.then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      new Promise((resolve) => (timer = setTimeout(() => resolve('hung'), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('RedisTokenStore.lock', () => {
  it('admits one holder at a time among many concurrent lockers', async () => {
    const stores = await Promise.all([1, 2, 3, 4].map(async () => new RedisTokenStore(await connected())));
    const key = freshKey();
    let holders = 0;
    let maxHolders = 0;
    let entries = 0;
    await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const unlock = await stores[index % stores.length]!.lock(key, 5_000);
        holders++;
        entries++;
        maxHolders = Math.max(maxHolders, holders);
        await delay(5);
        holders--;
        await unlock();
      }),
    );
    expect(entries).toBe(20);
    expect(maxHolders).toBe(1);
  });

  it('locks each key on its own', async () => {
    const store = new RedisTokenStore(await connected());
    const first = await store.lock(freshKey(), 5_000);
    const second = await Promise.race([
      store.lock(freshKey(), 5_000),
      delay(500).then(() => 'blocked' as const),
    ]);
    expect(second).not.toBe('blocked');
    await first();
    if (typeof second === 'function') await second();
  });

  it('hands the lock to a waiter as soon as the holder releases it', async () => {
    const store = new RedisTokenStore(await connected());
    const key = freshKey();
    const unlock = await store.lock(key, 10_000);
    let acquiredAt = 0;
    const waiter = store.lock(key, 10_000).then((release) => {
      acquiredAt = Date.now();
      return release;
    });
    await delay(100);
    expect(acquiredAt).toBe(0);
    const releasedAt = Date.now();
    await unlock();
    await (
      await waiter
    )();
    expect(acquiredAt - releasedAt).toBeLessThan(500);
  });

  it('expires the lock of a holder that never releases it after its ttl', async () => {
    const redis = await connected();
    const store = new RedisTokenStore(redis);
    const key = freshKey();
    await store.lock(key, 300);
    const started = Date.now();
    const unlock = await store.lock(key, 5_000);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThan(200);
    expect(waited).toBeLessThan(1_500);
    await unlock();
  });

  it('lets only the owner release the lock: a late unlock after expiry leaves the next owner holding it', async () => {
    const redis = await connected();
    const store = new RedisTokenStore(redis);
    const key = freshKey();
    const lateUnlock = await store.lock(key, 200);
    await delay(300);
    const nextUnlock = await store.lock(key, 10_000);
    const nextOwner = await redis.get(`${key}:lock`);
    expect(nextOwner).not.toBeNull();
    await lateUnlock();
    expect(await redis.get(`${key}:lock`)).toBe(nextOwner);
    await nextUnlock();
    expect(await redis.exists(`${key}:lock`)).toBe(0);
  });

  it('gives up waiting after lockWaitMs with a timeout error', async () => {
    const redis = await connected();
    const key = freshKey();
    await new RedisTokenStore(redis).lock(key, 30_000);
    const started = Date.now();
    const error: unknown = await new RedisTokenStore(redis, { lockWaitMs: 200 })
      .lock(key, 30_000)
      .catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(isQontakAuthError(error) && error.code).toBe('timeout');
  });

  it('waits at most the ttl plus one second by default', async () => {
    const redis = await connected();
    const key = freshKey();
    await redis.set(`${key}:lock`, 'someone-else', 'PX', 30_000);
    const started = Date.now();
    await expect(new RedisTokenStore(redis).lock(key, 300)).rejects.toThrow(
      /\(the token lock\) held the lock/,
    );
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1_200);
    expect(waited).toBeLessThan(2_500);
  });

  it.each([
    ['a hash', (redis: Redis, lockKey: string) => redis.hset(lockKey, 'planted-field', 'planted-value-9c1e')],
    ['a string without expiry', (redis: Redis, lockKey: string) => redis.set(lockKey, 'planted-value-9c1e')],
    ['a list', (redis: Redis, lockKey: string) => redis.rpush(lockKey, 'planted-value-9c1e')],
  ])('refuses at once a lock key holding %s, which it never writes', async (kind, plant) => {
    const redis = await connected();
    const key = freshKey();
    await plant(redis, `${key}:lock`);
    const error = await settleWithin(
      2_000,
      new RedisTokenStore(redis, { lockWaitMs: 10_000 }).lock(key, 30_000),
    );
    expect(error).not.toBe('hung');
    expect(isQontakAuthError(error) && error.code).toBe('config_error');
    expect((error as Error).message).toContain(
      `the lock key ${key}:lock holds a value this store did not write`,
    );
    expect((error as Error).message).toContain(`(${kind};`);
    expect((error as Error).message).not.toContain('planted');
    expect(await redis.exists(`${key}:lock`)).toBe(1);
  });

  it('refuses a foreign lock key under its keyPrefix, named with the prefix', async () => {
    const redis = await connected();
    const key = freshKey();
    await redis.set(`staging:${key}:lock`, 'planted-value-9c1e');
    const error = await settleWithin(
      2_000,
      new RedisTokenStore(redis, { keyPrefix: 'staging:', lockWaitMs: 10_000 }).lock(key, 30_000),
    );
    expect(isQontakAuthError(error) && error.code).toBe('config_error');
    expect((error as Error).message).toContain(`the lock key staging:${key}:lock holds`);
  });

  it('still waits on a lock of another owner (a string with an expiry), then times out', async () => {
    const redis = await connected();
    const key = freshKey();
    await redis.set(`${key}:lock`, 'another-owner', 'PX', 30_000);
    const started = Date.now();
    const error = await settleWithin(
      5_000,
      new RedisTokenStore(redis, { lockWaitMs: 300 }).lock(key, 30_000),
    );
    expect(isQontakAuthError(error) && error.code).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('never throws from unlock, even when Redis has gone away', async () => {
    const redis = await connected();
    const unlock = await new RedisTokenStore(redis).lock(freshKey(), 5_000);
    redis.disconnect();
    await expect(unlock()).resolves.toBeUndefined();
  });
});
