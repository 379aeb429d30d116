import { describe, expect, it } from 'vitest';
import { acquireLock, resolveLockWaitMs, type LockClaim } from '../stores/acquire-lock';
import { isQontakAuthError } from '../errors/auth-error';

/** A lock held by whoever claimed it last, recording every call the helper makes. */
function recordingLock(free = true) {
  const calls: Array<[string, LockClaim]> = [];
  return {
    calls,
    tryAcquire: async (claim: LockClaim) => {
      calls.push(['tryAcquire', claim]);
      return free;
    },
    afterMiss: async (claim: LockClaim) => {
      calls.push(['afterMiss', claim]);
    },
    release: async (claim: LockClaim) => {
      calls.push(['release', claim]);
    },
  };
}

function caught(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('acquireLock', () => {
  it('rounds the ttl up to whole ms, at least 1, and gives every call one owner of its own', async () => {
    const seen: LockClaim[] = [];
    for (const ttlMs of [0.2, 299.1, 300, -5]) {
      await acquireLock({
        store: 'TestStore',
        ttlMs,
        lockWaitMs: undefined,
        tryAcquire: async (claim) => seen.push(claim) > 0,
        release: async () => undefined,
      });
    }
    expect(seen.map((claim) => claim.ttlMs)).toEqual([1, 300, 300, 1]);
    expect(new Set(seen.map((claim) => claim.owner)).size).toBe(4);
    expect(seen[0]!.owner).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hands one claim to tryAcquire, afterMiss and release', async () => {
    let attempts = 0;
    const lock = recordingLock();
    const unlock = await acquireLock({
      ...lock,
      store: 'TestStore',
      ttlMs: 1_000,
      lockWaitMs: undefined,
      tryAcquire: (claim) => lock.tryAcquire(claim).then(() => ++attempts > 1),
    });
    await unlock();
    expect(lock.calls.map(([name]) => name)).toEqual(['tryAcquire', 'afterMiss', 'tryAcquire', 'release']);
    expect(new Set(lock.calls.map(([, claim]) => claim)).size).toBe(1);
  });

  it('releases at most once however often unlock is called, and never throws when release fails', async () => {
    let releases = 0;
    const unlock = await acquireLock({
      store: 'TestStore',
      ttlMs: 1_000,
      lockWaitMs: undefined,
      tryAcquire: async () => true,
      release: async () => {
        releases++;
        throw new Error('the store is unreachable');
      },
    });
    await expect(Promise.all([unlock(), unlock()])).resolves.toEqual([undefined, undefined]);
    await expect(unlock()).resolves.toBeUndefined();
    expect(releases).toBe(1);
  });

  it('waits the ttl + 1_000 ms by default, and lockWaitMs when given, then throws timeout naming the store', async () => {
    const held = recordingLock(false);
    const error: unknown = await acquireLock({
      ...held,
      store: 'TestStore',
      ttlMs: 10,
      lockWaitMs: undefined,
    }).catch((caughtError: unknown) => caughtError);
    expect(isQontakAuthError(error) && error.code).toBe('timeout');
    expect((error as Error).message).toBe('TestStore: another process held the lock for more than 1010 ms.');

    const zero: unknown = await acquireLock({
      ...held,
      store: 'TestStore',
      ttlMs: 10,
      lockWaitMs: 0,
      holder: 'another process (the token lock)',
    }).catch((caughtError: unknown) => caughtError);
    expect((zero as Error).message).toBe(
      'TestStore: another process (the token lock) held the lock for more than 0 ms.',
    );
  });

  it('rejects with the signal reason, whether it aborts before or during the wait', async () => {
    const reason = new Error('closed');
    const held = recordingLock(false);
    await expect(
      acquireLock({
        ...held,
        store: 'TestStore',
        ttlMs: 10,
        lockWaitMs: undefined,
        signal: AbortSignal.abort(reason),
      }),
    ).rejects.toBe(reason);
    expect(held.calls).toEqual([]);

    const abort = new AbortController();
    const waiting = acquireLock({
      ...held,
      store: 'TestStore',
      ttlMs: 10_000,
      lockWaitMs: undefined,
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(reason), 50);
    await expect(waiting).rejects.toBe(reason);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '300' as unknown as number])(
    'refuses a ttl of %s with config_error before trying the lock',
    async (ttlMs) => {
      const lock = recordingLock();
      const error: unknown = await acquireLock({
        ...lock,
        store: 'TestStore',
        ttlMs,
        lockWaitMs: undefined,
      }).catch((caughtError: unknown) => caughtError);
      expect(isQontakAuthError(error) && error.code).toBe('config_error');
      expect((error as Error).message).toBe("TestStore: the lock's ttlMs must be a finite number of ms.");
      expect(lock.calls).toEqual([]);
    },
  );
});

describe('resolveLockWaitMs', () => {
  it('keeps undefined and every whole or fractional ms from 0 to 2147483647', () => {
    expect(resolveLockWaitMs(undefined, 'TestStore')).toBeUndefined();
    expect(resolveLockWaitMs(0, 'TestStore')).toBe(0);
    expect(resolveLockWaitMs(2.5, 'TestStore')).toBe(2.5);
    expect(resolveLockWaitMs(2_147_483_647, 'TestStore')).toBe(2_147_483_647);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '5' as unknown as number])(
    'refuses %s with config_error naming the store',
    (value) => {
      const error = caught(() => resolveLockWaitMs(value, 'TestStore'));
      expect(isQontakAuthError(error) && error.code).toBe('config_error');
      expect((error as Error).message).toBe(
        'TestStore: lockWaitMs must be a finite number of ms, 0 or more.',
      );
    },
  );

  it('refuses more than 2147483647 ms, the longest timer Node keeps', () => {
    const error = caught(() => resolveLockWaitMs(2_147_483_648, 'TestStore'));
    expect(isQontakAuthError(error) && error.code).toBe('config_error');
    expect((error as Error).message).toBe(
      'TestStore: lockWaitMs must be at most 2147483647 ms (about 24.8 days): Node fires a longer timer after 1 ms.',
    );
  });
});
