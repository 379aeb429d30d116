import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import type { QontakWebhookClaim, QontakWebhookDedupeStore } from '../dedupe-store';

/** The `describe` and `it` of the test runner: vitest's, jest's or `node:test`'s. */
export interface WebhookDedupeStoreTestApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

/** Makes a fresh store for one check (sync or async); stores it makes may share one backend. */
export type MakeWebhookDedupeStore = () => QontakWebhookDedupeStore | Promise<QontakWebhookDedupeStore>;

/** Options of {@link describeWebhookDedupeStore}. */
export interface WebhookDedupeStoreSuiteOptions {
  /** The runner's `describe` and `it`. Default the global ones (jest; vitest with `globals: true`). */
  test?: WebhookDedupeStoreTestApi | undefined;
  /** The lease and ttl the expiry checks give, in ms, from 50 to 5,000. Default 300. */
  shortTtlMs?: number | undefined;
}

const LONG_MS = 60_000;
/** How long past `shortTtlMs` a key may outlive it (a store's expiry resolution). */
const EXPIRY_SLACK_MS = 3_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Keys of one check, apart from every other check's (the stores may share one Redis). */
function keysOf(check: string): (name: string) => string {
  const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return (name) => `qontak-dedupe-suite:${run}:${check}:${name}`;
}

/** Claims `key` until it is `'claimed'`, for at most `ms`; the last claim. */
async function claimWithin(
  store: QontakWebhookDedupeStore,
  key: string,
  ms: number,
): Promise<QontakWebhookClaim> {
  const deadline = Date.now() + ms;
  for (;;) {
    const claim = await store.claim(key, LONG_MS);
    if (claim === 'claimed' || Date.now() > deadline) return claim;
    await sleep(50);
  }
}

type Check = readonly [
  name: string,
  body: (store: QontakWebhookDedupeStore, key: (name: string) => string) => Promise<void>,
];

function checks(shortMs: number): Check[] {
  return [
    [
      'claims a key it never saw',
      async (store, key) => {
        strictEqual(await store.claim(key('a'), LONG_MS), 'claimed');
      },
    ],
    [
      'answers pending to every later claim while the first is held',
      async (store, key) => {
        await store.claim(key('a'), LONG_MS);
        deepStrictEqual(
          [await store.claim(key('a'), LONG_MS), await store.claim(key('a'), LONG_MS)],
          ['pending', 'pending'],
        );
      },
    ],
    [
      'answers handled once the key is committed, also after the lease would have run out',
      async (store, key) => {
        await store.claim(key('a'), shortMs);
        await store.commit(key('a'), LONG_MS);
        strictEqual(await store.claim(key('a'), LONG_MS), 'handled');
        await sleep(shortMs + 100);
        strictEqual(await store.claim(key('a'), LONG_MS), 'handled');
      },
    ],
    [
      'forgets a released key: the next claim is claimed',
      async (store, key) => {
        await store.claim(key('a'), LONG_MS);
        await store.release(key('a'));
        strictEqual(await store.claim(key('a'), LONG_MS), 'claimed');
      },
    ],
    [
      'keeps keys apart (a key, another, and one that starts like it)',
      async (store, key) => {
        await store.claim(key('a'), LONG_MS);
        await store.commit(key('b'), LONG_MS);
        deepStrictEqual(
          [
            await store.claim(key('a'), LONG_MS),
            await store.claim(key('b'), LONG_MS),
            await store.claim(key('ab'), LONG_MS),
          ],
          ['pending', 'handled', 'claimed'],
        );
        await store.release(key('ab'));
        strictEqual(await store.claim(key('a'), LONG_MS), 'pending');
      },
    ],
    [
      'lets a claim whose lease ran out be claimed again',
      async (store, key) => {
        await store.claim(key('a'), shortMs);
        strictEqual(await claimWithin(store, key('a'), shortMs + EXPIRY_SLACK_MS), 'claimed');
      },
    ],
    [
      'lets a handled key whose ttl ran out be claimed again',
      async (store, key) => {
        await store.claim(key('a'), LONG_MS);
        await store.commit(key('a'), shortMs);
        strictEqual(await claimWithin(store, key('a'), shortMs + EXPIRY_SLACK_MS), 'claimed');
      },
    ],
    [
      'gives one of twenty concurrent claims of a key, and only one, the claim',
      async (store, key) => {
        const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim(key('a'), LONG_MS)));
        deepStrictEqual(claims.filter((claim) => claim === 'claimed').length, 1);
        ok(
          claims.every((claim) => claim === 'claimed' || claim === 'pending'),
          `claims: ${claims.join(', ')}`,
        );
      },
    ],
  ];
}

/**
 * Registers the conformance suite of a `QontakWebhookDedupeStore` with your test runner: one
 * `describe(name)` with an `it` per rule of the contract (claim, pending, commit, release, keys apart,
 * the lease and the ttl running out, twenty concurrent claims with one winner), each on a fresh store
 * from `makeStore` and keys of its own, asserting with `node:assert/strict`. A passing store takes about
 * `2 × shortTtlMs` plus its round trips.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest'; // or 'node:test'
 * import { describeWebhookDedupeStore } from '@qontak/webhooks/testing';
 * describeWebhookDedupeStore('RedisDedupeStore', () => new RedisDedupeStore(redis), { test: { describe, it } });
 * ```
 * @throws {TypeError} when no `describe`/`it` was given and none is global, or `shortTtlMs` is out of range.
 */
export function describeWebhookDedupeStore(
  name: string,
  makeStore: MakeWebhookDedupeStore,
  options: WebhookDedupeStoreSuiteOptions = {},
): void {
  const globals = globalThis as { describe?: unknown; it?: unknown };
  const test =
    options.test ??
    (typeof globals.describe === 'function' && typeof globals.it === 'function'
      ? (globals as WebhookDedupeStoreTestApi)
      : undefined);
  if (test === undefined) {
    throw new TypeError(
      "describeWebhookDedupeStore needs your test runner's describe and it: pass them as options.test, e.g. " +
        "`import { describe, it } from 'vitest'` (or 'node:test').",
    );
  }
  const shortMs = options.shortTtlMs ?? 300;
  if (!Number.isInteger(shortMs) || shortMs < 50 || shortMs > 5_000) {
    throw new TypeError('describeWebhookDedupeStore: shortTtlMs must be an integer from 50 to 5000.');
  }
  test.describe(name, () => {
    for (const [check, body] of checks(shortMs)) {
      test.it(check, async () => body(await makeStore(), keysOf(check)));
    }
  });
}
