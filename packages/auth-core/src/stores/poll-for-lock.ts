import { sleep } from '../contract/abortable';
import { QontakAuthError, QontakAuthErrorCode } from '../errors/auth-error';

/** What {@link pollForLock} needs from a store's lock. */
export interface PollForLockOptions {
  /** One attempt to take the lock; true when taken. Its errors are thrown at once. */
  tryAcquire(): Promise<boolean>;
  /** Runs after each missed attempt, before the wait (e.g. to break a stale lock). */
  afterMiss?(): Promise<void>;
  /** How long to keep trying, in ms. */
  waitMs: number;
  /** Who holds the lock, for the timeout message, e.g. `'RedisTokenStore: another process'`. */
  holder: string;
  /** Stops waiting (rejecting with the signal's reason). */
  signal?: AbortSignal | undefined;
}

const FIRST_POLL_MS = 10;
const MAX_POLL_MS = 200;

/**
 * Tries to take a {@link TokenStore} lock until it succeeds, waiting a growing, jittered delay
 * (10 ms doubling up to 200 ms) between attempts: the waiting half of every store's `lock()`.
 * @throws {QontakAuthError} `timeout` when the lock is still held after `waitMs`; the signal's reason
 *   when it aborts; whatever `tryAcquire` or `afterMiss` throw.
 */
export async function pollForLock(options: PollForLockOptions): Promise<void> {
  const deadline = Date.now() + options.waitMs;
  let pollMs = FIRST_POLL_MS;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await options.tryAcquire()) return;
    await options.afterMiss?.();
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new QontakAuthError(
        QontakAuthErrorCode.Timeout,
        `${options.holder} held the lock for more than ${options.waitMs} ms.`,
      );
    }
    await sleep(Math.min(left, pollMs / 2 + Math.random() * (pollMs / 2)), options.signal);
    pollMs = Math.min(MAX_POLL_MS, pollMs * 2);
  }
}
