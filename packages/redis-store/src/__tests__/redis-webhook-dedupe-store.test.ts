import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { isQontakAuthError } from '@qontak/auth-core';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisWebhookDedupeStore } from '../redis-webhook-dedupe-store';
import { scriptCalls } from './support/script-calls';
import { useRedis } from './support/redis-fixture';

const redisFixture = useRedis();
const { connected } = redisFixture;

/** An event key as the handler makes them (a message's: `c|<message id>|<status>`), unique in this run. */
function eventKey(): string {
  return `c|${randomBytes(16).toString('hex')}|received`;
}

/** Two replicas' stores, each on its own connection to the same redis-server, and a client to look with. */
async function twoReplicas(): Promise<{
  a: RedisWebhookDedupeStore;
  b: RedisWebhookDedupeStore;
  redis: Redis;
}> {
  const [a, b, redis] = await Promise.all([connected(), connected(), connected()]);
  return { a: new RedisWebhookDedupeStore(a), b: new RedisWebhookDedupeStore(b), redis };
}

/** The error `promise` rejected with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('RedisWebhookDedupeStore', () => {
  it('claims with SET NX PX: the key holds a random claim of its own and expires with the lease', async () => {
    const redis = await connected();
    const store = new RedisWebhookDedupeStore(redis);
    const [first, second] = [eventKey(), eventKey()];
    expect(await store.claim(first, 60_000)).toBe('claimed');
    expect(await store.claim(second, 60_000)).toBe('claimed');

    const values = [await redis.get(`qontak:webhook:${first}`), await redis.get(`qontak:webhook:${second}`)];
    for (const value of values) expect(value).toMatch(/^pending:[0-9a-f-]{36}$/);
    expect(values[0]).not.toBe(values[1]);
    const ttl = await redis.pttl(`qontak:webhook:${first}`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('keeps a committed event as handled for the ttl it is given, then Redis drops it', async () => {
    const redis = await connected();
    const store = new RedisWebhookDedupeStore(redis);
    const key = eventKey();
    await store.claim(key, 60_000);
    await store.commit(key, 86_400_000);
    expect(await redis.get(`qontak:webhook:${key}`)).toBe('handled');
    expect(await redis.pttl(`qontak:webhook:${key}`)).toBeGreaterThan(86_399_000);

    await store.commit(key, 200);
    // A key already handled is left as it is: its ttl runs from the first commit.
    expect(await redis.pttl(`qontak:webhook:${key}`)).toBeGreaterThan(86_399_000);
    const short = eventKey();
    await store.claim(short, 60_000);
    await store.commit(short, 200);
    await delay(300);
    expect(await redis.exists(`qontak:webhook:${short}`)).toBe(0);
  });

  it('writes under keyPrefix', async () => {
    const redis = await connected();
    const key = eventKey();
    await new RedisWebhookDedupeStore(redis, { keyPrefix: 'staging:hooks:' }).claim(key, 60_000);
    expect(await redis.exists(`staging:hooks:${key}`)).toBe(1);
    expect(await redis.exists(`qontak:webhook:${key}`)).toBe(0);
  });

  it('a late release, after the lease ran out and another replica claimed the event, leaves that claim', async () => {
    const { a, b, redis } = await twoReplicas();
    const key = eventKey();
    expect(await a.claim(key, 200)).toBe('claimed');
    await delay(300);
    expect(await b.claim(key, 60_000)).toBe('claimed');
    const bClaim = await redis.get(`qontak:webhook:${key}`);

    await a.release(key);

    expect(await redis.get(`qontak:webhook:${key}`)).toBe(bClaim);
    expect(await a.claim(key, 60_000)).toBe('pending');
    await b.commit(key, 60_000);
    expect(await a.claim(key, 60_000)).toBe('handled');
  });

  it('a late commit, after the lease ran out and another replica claimed the event, leaves that claim', async () => {
    const { a, b, redis } = await twoReplicas();
    const key = eventKey();
    await a.claim(key, 200);
    await delay(300);
    expect(await b.claim(key, 60_000)).toBe('claimed');
    const bClaim = await redis.get(`qontak:webhook:${key}`);

    await a.commit(key, 60_000);

    expect(await redis.get(`qontak:webhook:${key}`)).toBe(bClaim);
    await b.release(key);
    expect(await a.claim(key, 60_000)).toBe('claimed');
  });

  it('a commit after the lease ran out, with no claim since, still marks the event handled', async () => {
    const { a, b } = await twoReplicas();
    const key = eventKey();
    await a.claim(key, 200);
    await delay(300);
    await a.commit(key, 60_000);
    expect(await b.claim(key, 60_000)).toBe('handled');
  });

  it('a release of an event this store did not claim does nothing', async () => {
    const { a, b, redis } = await twoReplicas();
    const key = eventKey();
    await a.claim(key, 60_000);
    await b.release(key);
    expect(await redis.get(`qontak:webhook:${key}`)).toMatch(/^pending:/);
    expect(await b.claim(key, 60_000)).toBe('pending');
  });

  it('bounds every call by timeoutMs, and undoes a claim that lands after its call gave up', async () => {
    const admin = await connected();
    const store = new RedisWebhookDedupeStore(await connected(), { timeoutMs: 200 });
    const other = new RedisWebhookDedupeStore(await connected());
    const [key, committed, released] = [eventKey(), eventKey(), eventKey()];
    await store.claim(committed, 60_000);
    await store.claim(released, 60_000);
    await admin.client('PAUSE', 1_000, 'ALL');

    const started = Date.now();
    const errors = await Promise.all([
      rejection(store.claim(key, 60_000)),
      rejection(store.commit(committed, 60_000)),
      rejection(store.release(released)),
    ]);
    expect(Date.now() - started).toBeLessThan(800);
    expect(errors.map((error) => isQontakAuthError(error) && error.code)).toEqual([
      'timeout',
      'timeout',
      'timeout',
    ]);
    expect((errors[0] as Error).message).toBe(
      'RedisWebhookDedupeStore: Redis did not answer the claim within 200 ms.',
    );

    // Once Redis answers again, the late claim is released at once instead of holding the event for 60 s.
    await delay(1_000);
    let answer = await other.claim(key, 60_000);
    for (let tries = 0; answer !== 'claimed' && tries < 20; tries++) {
      await delay(50);
      answer = await other.claim(key, 60_000);
    }
    expect(answer).toBe('claimed');
    // The commit and the release that gave up still land: the one is handled, the other free again.
    expect(await other.claim(committed, 60_000)).toBe('handled');
    expect(await other.claim(released, 60_000)).toBe('claimed');
  });

  it('sends each of its 3 scripts once, then runs them by SHA-1, with the token store on the same server', async () => {
    const admin = await connected();
    const shared = await connected();
    const stores = [
      new RedisWebhookDedupeStore(shared),
      new RedisWebhookDedupeStore(shared, { keyPrefix: 'other:' }),
      new RedisWebhookDedupeStore(await connected()),
    ];
    await admin.script('FLUSH');
    await admin.config('RESETSTAT');

    for (let index = 0; index < 30; index++) {
      const store = stores[index % stores.length]!;
      const [handled, failed] = [eventKey(), eventKey()];
      await store.claim(handled, 60_000);
      await store.commit(handled, 60_000);
      await store.claim(failed, 60_000);
      await store.release(failed);
    }

    // 30 rounds x 4 script runs: 3 EVALs (the first run of claim, commit and compare-and-delete), 120 EVALSHAs.
    expect(await scriptCalls(admin)).toEqual({ eval: 3, evalsha: 120, failedEvalsha: 3 });
  });

  it('throws at once (instead of waiting) when Redis cannot be reached', async () => {
    const down = redisFixture.client(1);
    await down.connect().catch(() => undefined);
    const store = new RedisWebhookDedupeStore(down);
    const started = Date.now();
    await expect(store.claim(eventKey(), 60_000)).rejects.toThrow();
    await expect(store.commit(eventKey(), 60_000)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('refuses a timeoutMs that is not a whole number of ms from 1 to 2000, and a lease that is not positive', async () => {
    const redis = await connected();
    for (const timeoutMs of [0, 2_001, 1.5, Number.NaN]) {
      let error: unknown;
      try {
        new RedisWebhookDedupeStore(redis, { timeoutMs });
      } catch (caught) {
        error = caught;
      }
      expect(isQontakAuthError(error) && error.code).toBe('config_error');
      expect((error as Error).message).toContain('timeoutMs must be a whole number of ms from 1 to 2000');
    }
    const error = await rejection(new RedisWebhookDedupeStore(redis).claim(eventKey(), 0));
    expect(isQontakAuthError(error) && error.code).toBe('config_error');
  });
});
