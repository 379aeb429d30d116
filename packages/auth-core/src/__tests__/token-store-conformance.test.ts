import { describe, expect, it } from 'vitest';
import { MemoryTokenStore } from '../stores/memory-token-store';
import {
  describeTokenStore,
  tokenStoreChecks,
  type MakeTokenStore,
  type TokenStoreSuiteOptions,
} from '../testing';
import { NonExclusiveLockStore, RefreshDroppingStore } from './support/broken-token-stores';

/** Runs every check one after the other; the failed ones by `group: name`, with their errors. */
async function failures(
  makeStore: MakeTokenStore,
  options?: TokenStoreSuiteOptions,
): Promise<Map<string, unknown>> {
  const failed = new Map<string, unknown>();
  for (const check of tokenStoreChecks(makeStore, options)) {
    await check.run().catch((error: unknown) => failed.set(`${check.group}: ${check.name}`, error));
  }
  return failed;
}

function assertionMessages(failed: Map<string, unknown>): string[] {
  return [...failed.values()].map((error) => {
    expect(error).toMatchObject({ name: 'AssertionError', code: 'ERR_ASSERTION' });
    return (error as Error).message;
  });
}

describe('the TokenStore conformance suite', () => {
  it('fails a store that drops the refresh token wherever a stored token is read back whole', async () => {
    const failed = await failures(() => new RefreshDroppingStore(), { lock: false });

    expect([...failed.keys()]).toEqual([
      'get, set and delete: returns every field of the token it stored, token strings intact',
      'get, set and delete: replaces the token under a key on set',
      "get, set and delete: keeps each key's token apart",
      'get, set and delete: forgets a deleted token and keeps the others',
      'deleteIf: deletes the token only while it holds that access token, leaving a newer one',
      'expired tokens: never returns the older token in place of an expired one it was given',
      'expired tokens: returns a token whose expiresAt has passed as itself or not at all',
    ]);
    const [roundTrip] = assertionMessages(failed);
    expect(roundTrip).toContain(
      'get() must return the accessToken, refreshToken, expiresAt, issuedAt and createdAt',
    );
    expect(roundTrip).toContain('refreshToken');
  });

  it('fails a store whose lock lets every caller in at every check that needs the lock to exclude', async () => {
    const failed = await failures(() => new NonExclusiveLockStore());

    expect([...failed.keys()]).toEqual([
      'lock: admits one holder at a time among concurrent lockers',
      'lock: makes a second locker of a key wait until the first releases it',
      "lock: unlocks once: a second unlock() neither throws nor frees the next holder's lock",
      "lock: lets a holder's late unlock, after its ttl, leave the next holder's lock in place",
      'lock: rejects a wait whose signal aborts, and the aborted waiter never holds the lock',
      'lock: rejects at once when its signal has already aborted, and takes no lock',
    ]);
    const messages = assertionMessages(failed);
    expect(messages[0]).toContain('6 callers held the lock of one key at once');
    expect(messages[1]).toContain(
      'a second lock() of a held key must wait while the lock is held; it resolved',
    );
  });

  it('passes a store that meets the contract at every check', async () => {
    expect([...(await failures(() => new MemoryTokenStore(), { lock: false })).keys()]).toEqual([]);
  });

  it('fails a store declared without lock() or deleteIf() that has them, so nothing goes unchecked', async () => {
    const failed = await failures(() => new NonExclusiveLockStore(), { lock: false, deleteIf: false });

    expect([...failed.keys()]).toEqual([
      'deleteIf: has no deleteIf(), as declared',
      'lock: has no lock(), as declared',
    ]);
    expect(assertionMessages(failed)[1]).toContain('drop that option so it is checked');
  });

  it('fails a store that lacks a lock() it was not declared without, saying how to declare it', async () => {
    const failed = await failures(() => new MemoryTokenStore());

    expect(failed.size).toBe(9);
    for (const message of assertionMessages(failed)) {
      expect(message).toContain('the store has no lock(): pass { lock: false }');
    }
  });

  it('cleans up after every check, passed or failed, and fails a check whose makeStore gives no store', async () => {
    let made = 0;
    let cleaned = 0;
    await failures(
      () => {
        made++;
        return { store: new NonExclusiveLockStore(), cleanup: () => void cleaned++ };
      },
      { lock: true },
    );
    expect(made).toBe(18);
    expect(cleaned).toBe(made);

    const [check] = tokenStoreChecks(() => ({ nothing: true }) as unknown as MemoryTokenStore);
    await expect(check!.run()).rejects.toThrow(TypeError);
  });

  it('throws a TypeError saying how to pass describe and it when the runner has none global', () => {
    expect('describe' in globalThis).toBe(false);
    expect(() => describeTokenStore('MemoryTokenStore', () => new MemoryTokenStore())).toThrow(
      /pass them as options\.test, e\.g\. `import \{ describe, it \} from 'vitest'`/,
    );
  });

  it('refuses options out of range with a TypeError', () => {
    const test = { describe, it };
    const make = () => new MemoryTokenStore();
    expect(() => describeTokenStore('x', make, { test, lockTtlMs: 10 })).toThrow(TypeError);
    expect(() => describeTokenStore('x', make, { test, lockTtlMs: Number.NaN })).toThrow(TypeError);
    expect(() => describeTokenStore('x', make, { test, lockScope: 'row' as 'key' })).toThrow(TypeError);
    expect(() => describeTokenStore('x', 'store' as unknown as MakeTokenStore, { test })).toThrow(TypeError);
  });
});
