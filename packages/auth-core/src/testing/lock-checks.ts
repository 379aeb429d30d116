import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { TokenStore, TokenStoreUnlock } from '../stores/token-store';
import { assertStoredToken } from './assert-stored-token';
import { LockBook } from './lock-book';
import { declaredAbsentCheck, requireMethod } from './optional-methods';
import { freshKey, fullToken } from './sample-tokens';
import { settleWithin } from './settle-within';
import { defineCheck, type TokenStoreCheck } from './token-store-check';
import type { MakeTokenStore } from './token-store-suite-options';

const GROUP = 'lock';
/** The ttl of the locks a check releases itself: long enough never to expire during a check. */
const HELD_TTL_MS = 10_000;
/** How long a waiter is watched to see that it is still waiting. */
const WAITING_MS = 150;
/** The longest wait for something that must happen (a freed lock taken, an aborted wait rejected). */
const SETTLE_MS = 3_000;
const CONCURRENT_LOCKERS = 6;

/** What the lock checks need to know of the store. */
interface LockCheckOptions {
  readonly implemented: boolean;
  readonly scope: 'key' | 'store';
  /** The ttl of the lock that is abandoned to see it expire. */
  readonly ttlMs: number;
}

/**
 * The checks of `lock`: exclusive per key (or per store, when declared), released once by an unlock
 * that never throws, free again after the ttl of a holder that never releases it, and abortable.
 * Without `implemented`, one check asserts that the store indeed has no `lock()`.
 */
export function lockChecks(makeStore: MakeTokenStore, options: LockCheckOptions): TokenStoreCheck[] {
  if (!options.implemented) return [declaredAbsentCheck(makeStore, GROUP, 'lock')];
  const check = (name: string, body: (book: LockBook, store: TokenStore) => Promise<void>) =>
    defineCheck(makeStore, GROUP, name, async (store) => {
      const book = new LockBook(requireMethod(store, 'lock'));
      try {
        await body(book, store);
      } finally {
        await book.close(SETTLE_MS);
      }
    });

  return [
    check('admits one holder at a time among concurrent lockers', async (book) => {
      const key = freshKey();
      const turns = { taken: 0, holding: 0, mostHolding: 0 };
      const takeTurn = async () => {
        const unlock = await book.lock(key, HELD_TTL_MS);
        turns.taken += 1;
        turns.mostHolding = Math.max(turns.mostHolding, ++turns.holding);
        try {
          await delay(10);
        } finally {
          turns.holding -= 1;
          await unlock();
        }
      };
      const outcome = await settleWithin(
        CONCURRENT_LOCKERS * 700,
        Promise.all(Array.from({ length: CONCURRENT_LOCKERS }, takeTurn)),
      );
      assert.equal(turns.mostHolding, 1, `${turns.mostHolding} callers held the lock of one key at once`);
      assertSettled(outcome, 'resolved', `${CONCURRENT_LOCKERS} lockers taking turns`);
      assert.equal(turns.taken, CONCURRENT_LOCKERS);
    }),

    check('makes a second locker of a key wait until the first releases it', async (book) => {
      const key = freshKey();
      const first = await book.lock(key, HELD_TTL_MS);
      await assertWaitsFor(first, book.lock(key, HELD_TTL_MS), 'a second lock() of a held key');
    }),

    options.scope === 'key'
      ? check('does not make a lock on another key wait', async (book) => {
          await book.lock(freshKey(), HELD_TTL_MS);
          await takeWithin(
            book,
            freshKey(),
            SETTLE_MS,
            'lock() of a key while another key is locked (pass { lockScope: "store" } if one lock guards every key)',
          );
        })
      : check(
          'makes a lock on another key wait too (one lock guards every key, as declared)',
          async (book) => {
            const first = await book.lock(freshKey(), HELD_TTL_MS);
            await assertWaitsFor(
              first,
              book.lock(freshKey(), HELD_TTL_MS),
              'lock() of another key while one key is locked (the suite was told { lockScope: "store" })',
            );
          },
        ),

    check('leaves the token stored under a key in place while the key is locked', async (book, store) => {
      const key = freshKey();
      const stored = fullToken();
      await store.set(key, stored);
      const unlock = await book.lock(key, HELD_TTL_MS);
      await assertStoredToken(store, key, stored, 'get() of a locked key must return its token');
      await unlock();
      await assertStoredToken(store, key, stored, 'get() after unlock() must return the token');
    }),

    check("unlocks once: a second unlock() neither throws nor frees the next holder's lock", async (book) => {
      const key = freshKey();
      const first = await book.lock(key, HELD_TTL_MS);
      await unlockSafely(first, 'unlock()');
      await unlockSafely(first, 'a second unlock()');
      const second = await takeWithin(book, key, SETTLE_MS, 'lock() of a key just unlocked');
      await assertStaleUnlockHarmless(
        book,
        key,
        first,
        second,
        'a third unlock() of a lock released long ago',
      );
    }),

    check('frees the lock of a holder that never releases it once its ttl has passed', async (book) => {
      const key = freshKey();
      await book.lock(key, options.ttlMs);
      const what = `lock() of a key whose ${options.ttlMs} ms lock was abandoned`;
      await takeWithin(book, key, options.ttlMs + SETTLE_MS, what);
    }),

    check(
      "lets a holder's late unlock, after its ttl, leave the next holder's lock in place",
      async (book) => {
        const key = freshKey();
        const late = await book.lock(key, options.ttlMs);
        const next = await takeWithin(
          book,
          key,
          options.ttlMs + SETTLE_MS,
          'lock() of a key whose lock expired',
        );
        await assertStaleUnlockHarmless(book, key, late, next, 'the unlock() of a lock whose ttl has passed');
      },
    ),

    check('rejects a wait whose signal aborts, and the aborted waiter never holds the lock', async (book) => {
      const key = freshKey();
      const first = await book.lock(key, HELD_TTL_MS);
      const abort = new AbortController();
      const waiter = book.lock(key, HELD_TTL_MS, abort.signal);
      assertWaiting(await settleWithin(WAITING_MS, waiter), 'a second lock() of a held key');
      abort.abort(new Error('The caller gave up.'));
      assertSettled(await settleWithin(SETTLE_MS, waiter), 'rejected', 'a lock() whose signal aborted');
      await first();
      await takeWithin(book, key, SETTLE_MS, 'lock() after the holder released and the other waiter gave up');
    }),

    check('rejects at once when its signal has already aborted, and takes no lock', async (book) => {
      const key = freshKey();
      const aborted = book.lock(key, HELD_TTL_MS, AbortSignal.abort());
      assertSettled(await settleWithin(SETTLE_MS, aborted), 'rejected', 'a lock() given an aborted signal');
      await takeWithin(book, key, SETTLE_MS, 'lock() after a lock() with an aborted signal');
    }),
  ];
}

/** Asserts that `waiter` waits while the lock `release` releases is held, and gets the lock once it is released. */
async function assertWaitsFor(
  release: TokenStoreUnlock,
  waiter: Promise<TokenStoreUnlock>,
  what: string,
): Promise<void> {
  assertWaiting(await settleWithin(WAITING_MS, waiter), what);
  await release();
  assertSettled(await settleWithin(SETTLE_MS, waiter), 'resolved', 'a lock() waiting for a released lock');
}

/**
 * Asserts that `stale`, the unlock of a lock that is gone, neither throws nor frees the lock that
 * `current` releases: a lock() of `key` still waits for `current`.
 */
async function assertStaleUnlockHarmless(
  book: LockBook,
  key: string,
  stale: TokenStoreUnlock,
  current: TokenStoreUnlock,
  what: string,
): Promise<void> {
  await unlockSafely(stale, what);
  await assertWaitsFor(
    current,
    book.lock(key, HELD_TTL_MS),
    `lock() after ${what} (it freed the next holder's lock)`,
  );
}

async function takeWithin(
  book: LockBook,
  key: string,
  limitMs: number,
  what: string,
): Promise<TokenStoreUnlock> {
  const outcome = await settleWithin(limitMs, book.lock(key, HELD_TTL_MS));
  assertSettled(outcome, 'resolved', what, limitMs);
  return (outcome as { value: TokenStoreUnlock }).value;
}

async function unlockSafely(unlock: TokenStoreUnlock, what: string): Promise<void> {
  await assert.doesNotReject(async () => unlock(), `${what} must never throw`);
}

function assertWaiting(outcome: { state: string }, what: string): void {
  assert.equal(
    outcome.state,
    'pending',
    `${what} must wait while the lock is held; it ${outcome.state} within ${WAITING_MS} ms`,
  );
}

function assertSettled(
  outcome: { state: string; error?: unknown },
  expected: 'resolved' | 'rejected',
  what: string,
  limitMs = SETTLE_MS,
): void {
  const found = outcome.state === 'pending' ? `was still pending after ${limitMs} ms` : outcome.state;
  const cause = outcome.state === 'rejected' ? `: ${String(outcome.error)}` : '';
  assert.equal(outcome.state, expected, `${what} must have ${expected}; it ${found}${cause}`);
}
