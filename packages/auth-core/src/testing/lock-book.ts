import type { TokenStore, TokenStoreUnlock } from '../stores/token-store';
import { settleWithin } from './settle-within';

/**
 * Takes a store's locks for one check and, when the check is over, passed or failed, stops every wait
 * still running (through the signal every `lock()` call is given) and releases every lock taken.
 */
export class LockBook {
  readonly #lock: NonNullable<TokenStore['lock']>;
  readonly #closing = new AbortController();
  readonly #calls: Promise<TokenStoreUnlock>[] = [];

  constructor(lock: NonNullable<TokenStore['lock']>) {
    this.#lock = lock;
  }

  /** The store's `lock(key, ttlMs, signal)`, with a signal that also fires when the check is over. */
  lock(key: string, ttlMs: number, signal?: AbortSignal): Promise<TokenStoreUnlock> {
    const call = this.#lock(
      key,
      ttlMs,
      signal ? AbortSignal.any([signal, this.#closing.signal]) : this.#closing.signal,
    );
    call.catch(() => undefined);
    this.#calls.push(call);
    return call;
  }

  /** Stops the waits and releases the locks of this check; waits at most `limitMs` for them. Never rejects. */
  async close(limitMs: number): Promise<void> {
    this.#closing.abort(new Error('The conformance check is over.'));
    const released = Promise.allSettled(this.#calls.map(async (call) => (await call)()));
    await settleWithin(limitMs, released);
  }
}
