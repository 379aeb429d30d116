import { randomUUID } from 'node:crypto';
import { pollForLock } from './poll-for-lock';
import { MAX_TIMER_MS } from '../config/durations';
import { configError } from '../errors/config-error';
import type { TokenStoreUnlock } from './token-store';

/** The longest `lockWaitMs`: Node's longest timer, in ms (a longer one fires after 1 ms). */
export const MAX_LOCK_WAIT_MS = MAX_TIMER_MS;

/** One holder's claim on a lock, as {@link acquireLock} hands it to a store's callbacks. */
export interface LockClaim {
  /** A random id for this holder (a UUID): write it into the lock, and release only a lock that holds it. */
  readonly owner: string;
  /** How long the lock may be held, in whole ms, 1 or more (`lock()`'s `ttlMs` rounded up). */
  readonly ttlMs: number;
}

/** What {@link acquireLock} needs from a store's lock. */
export interface AcquireLockOptions {
  /** The store's name, for error messages, e.g. `'RedisTokenStore'`. */
  store: string;
  /** `lock()`'s `ttlMs`: how long the lock may be held before it counts as abandoned. */
  ttlMs: number;
  /** The store's `lockWaitMs` option, as {@link resolveLockWaitMs} checked it. */
  lockWaitMs: number | undefined;
  /** One attempt to take the lock for `claim`; true when taken. Its errors are thrown at once. */
  tryAcquire(claim: LockClaim): Promise<boolean>;
  /** Runs after each missed attempt, before the wait (e.g. to break a stale lock). */
  afterMiss?(claim: LockClaim): Promise<void>;
  /** Releases the lock, only while it still holds `claim.owner`. Its errors are swallowed. */
  release(claim: LockClaim): Promise<void>;
  /** Who holds the lock when the wait times out, after the store's name. Default `'another process'`. */
  holder?: string | undefined;
  /** Stops waiting (rejecting with the signal's reason). */
  signal?: AbortSignal | undefined;
}

/**
 * The whole of a store's `lock()` but the store's own commands: rounds the ttl up to whole ms (at
 * least 1), makes the holder's random owner id, waits with {@link pollForLock} (at most `lockWaitMs`,
 * see {@link resolveLockWaitMs}), and returns the {@link TokenStoreUnlock}: it calls `release` at most once,
 * however often it is called, and never throws (a lock it cannot release expires after its ttl).
 * @throws {QontakAuthError} `config_error` when `ttlMs` is not a finite number; `timeout` when the
 *   lock is still held after the wait; the signal's reason when it aborts; whatever `tryAcquire` or
 *   `afterMiss` throw.
 */
export async function acquireLock(options: AcquireLockOptions): Promise<TokenStoreUnlock> {
  if (typeof options.ttlMs !== 'number' || !Number.isFinite(options.ttlMs)) {
    throw configError(options.store, "the lock's ttlMs must be a finite number of ms.");
  }
  const claim: LockClaim = { owner: randomUUID(), ttlMs: Math.max(1, Math.ceil(options.ttlMs)) };
  await pollForLock({
    tryAcquire: () => options.tryAcquire(claim),
    afterMiss: options.afterMiss && (() => options.afterMiss!(claim)),
    waitMs: options.lockWaitMs ?? Math.min(claim.ttlMs + 1_000, MAX_LOCK_WAIT_MS),
    holder: `${options.store}: ${options.holder ?? 'another process'}`,
    signal: options.signal,
  });
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    try {
      await options.release(claim);
    } catch {
      // The lock could not be released (the store is unreachable): it expires after its ttl.
    }
  };
}

/**
 * A store's `lockWaitMs` option, checked: the longest time its `lock()` waits for another holder, in
 * ms, from 0 to {@link MAX_LOCK_WAIT_MS}; then `lock()` throws `timeout`. `undefined` stays `undefined`:
 * the wait is then the lock's ttl + 1_000 ms (at most {@link MAX_LOCK_WAIT_MS}), so an abandoned lock
 * has expired once before a waiter gives up.
 * @throws {QontakAuthError} `config_error` naming `store` when `value` is outside that range.
 */
export function resolveLockWaitMs(value: number | undefined, store: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw configError(store, 'lockWaitMs must be a finite number of ms, 0 or more.');
  }
  if (value > MAX_LOCK_WAIT_MS) {
    throw configError(
      store,
      `lockWaitMs must be at most ${MAX_LOCK_WAIT_MS} ms (about 24.8 days): Node fires a longer timer after 1 ms.`,
    );
  }
  return value;
}
