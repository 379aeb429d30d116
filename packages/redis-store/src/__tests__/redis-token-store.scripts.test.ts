import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../redis-token-store';
import { freshKey, token, useRedis } from './support/redis-fixture';
import { scriptCalls } from './support/script-calls';

const { connected } = useRedis();

/** One lock, unlock, set and deleteIf: three script runs (take the lock, release it, compare-and-delete). */
async function round(store: RedisTokenStore): Promise<void> {
  const key = freshKey();
  const unlock = await store.lock(key, 5_000);
  await unlock();
  const stored = token();
  await store.set(key, stored);
  await store.deleteIf(key, stored.accessToken);
  expect(await store.get(key)).toBeUndefined();
}

describe('RedisTokenStore Lua scripts', () => {
  it('sends each of its 2 scripts once, then runs them by SHA-1, however many stores share the server', async () => {
    const admin = await connected();
    const shared = await connected();
    const stores = [
      new RedisTokenStore(shared),
      new RedisTokenStore(shared, { keyPrefix: 'other:' }),
      new RedisTokenStore(await connected(), { encryptionKey: Buffer.alloc(32, 3) }),
    ];
    await admin.script('FLUSH');
    await admin.config('RESETSTAT');

    for (let index = 0; index < 60; index++) await round(stores[index % stores.length]!);

    // 60 rounds x 3 script runs: 2 EVALs (the first run of each script, after NOSCRIPT), 180 EVALSHAs.
    expect(await scriptCalls(admin)).toEqual({ eval: 2, evalsha: 180, failedEvalsha: 2 });
  });

  it('keeps working after SCRIPT FLUSH, sending each script once more', async () => {
    const admin = await connected();
    const store = new RedisTokenStore(await connected());
    await round(store);
    await admin.script('FLUSH');
    await admin.config('RESETSTAT');

    for (let index = 0; index < 10; index++) await round(store);

    expect(await scriptCalls(admin)).toEqual({ eval: 2, evalsha: 30, failedEvalsha: 2 });
  });
});
