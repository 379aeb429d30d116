import type { TokenStore } from '../stores/token-store';

/**
 * The `describe` and `it` of the test runner that runs the suite: vitest's, jest's or `node:test`'s
 * (`import { describe, it } from 'vitest'` or `'node:test'`). Each check is an async function that
 * rejects with an `AssertionError` when the store fails it.
 */
export interface TokenStoreTestApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

/** A store made for one check, with what to do once the check is over (e.g. remove a temp directory). */
export interface TokenStoreFixture {
  readonly store: TokenStore;
  /** Runs after the check, passed or failed. */
  cleanup?(): void | Promise<void>;
}

/**
 * Makes a fresh store for one check: a store, or a {@link TokenStoreFixture} when something must be
 * cleaned up afterwards; sync or async. Stores made by it may share one backend (one Redis, one
 * database): every check uses keys of its own.
 */
export type MakeTokenStore = () => TokenStore | TokenStoreFixture | Promise<TokenStore | TokenStoreFixture>;

/** Options of `describeTokenStore` and `tokenStoreChecks`: the runner, and what the store declares it does. */
export interface TokenStoreSuiteOptions {
  /**
   * The runner's `describe` and `it`. Default `globalThis.describe` and `globalThis.it` when both are
   * functions (jest; vitest with `globals: true`); otherwise `describeTokenStore` throws a TypeError.
   */
  test?: TokenStoreTestApi | undefined;
  /**
   * Whether the store implements `lock()`. Default `true`: the lock checks run. With `false`, one check
   * asserts that the store indeed has no `lock()`, so no lock goes unchecked.
   */
  lock?: boolean | undefined;
  /**
   * Whether the store implements `deleteIf()`. Default `true`: the deleteIf checks run. With `false`,
   * one check asserts that the store indeed has no `deleteIf()`.
   */
  deleteIf?: boolean | undefined;
  /**
   * What one lock guards: `'key'` (default), each key apart, so a lock on one key never waits on
   * another's; `'store'`, one lock for every key (e.g. `FileTokenStore`'s lock file), so a lock on
   * another key waits as well.
   */
  lockScope?: 'key' | 'store' | undefined;
  /**
   * Whether the store promises to drop a token once its `expiresAt` has passed (a Redis entry with
   * `PX`). Default `false`: the store may keep it, and the suite checks only that it never returns
   * another token in its place. With `true`, the suite checks that `get()` returns nothing.
   */
  dropsExpiredTokens?: boolean | undefined;
  /**
   * The ttl of the lock the suite abandons to see it expire, in ms, from 50 to 5_000. Default 300.
   * The suite waits at most this ttl plus 3 s for the lock to come free.
   */
  lockTtlMs?: number | undefined;
}
