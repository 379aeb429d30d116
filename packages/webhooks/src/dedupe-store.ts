/**
 * What {@link QontakWebhookDedupeStore.claim} found under a key: `'claimed'`, it was free and is now the
 * caller's to hand over; `'pending'`, another delivery of the same event holds it and is being handed
 * over; `'handled'`, the event was handed over already.
 */
export type QontakWebhookClaim = 'claimed' | 'pending' | 'handled';

/**
 * Where the webhook handler remembers the events it handed over, so that an event delivered again is
 * handed over once: it claims the event's key before calling `onEvent`, then commits the key when
 * `onEvent` resolved, or releases it when `onEvent` threw. Keys are at most 64 characters, each a
 * letter, a digit or one of `_ . : + - | ~`.
 *
 * `MemoryWebhookDedupeStore` (the default) remembers within one process; a store shared by every replica
 * (Redis) makes it once per fleet. Each call may be sync or async; the handler waits at most 2 s for
 * one, and a call that fails or does not answer in time is logged and the event handed over without
 * deduplication (a duplicate is better than a lost event). Check an implementation with
 * `describeWebhookDedupeStore` from `@qontak/webhooks/testing`.
 */
export interface QontakWebhookDedupeStore {
  /**
   * Atomically: when `key` is absent (or its time ran out), store it as pending for `leaseMs` and answer
   * `'claimed'`; otherwise answer what is stored, `'pending'` or `'handled'`. Two concurrent claims of
   * one key are never both `'claimed'` (on Redis: `SET key pending NX PX leaseMs`, else `GET key`, in
   * one script).
   */
  claim(key: string, leaseMs: number): QontakWebhookClaim | Promise<QontakWebhookClaim>;
  /** Store `key` as handled for `ttlMs`, in place of its pending claim. */
  commit(key: string, ttlMs: number): void | Promise<void>;
  /** Forget `key`, so that the next delivery of its event is handed over. */
  release(key: string): void | Promise<void>;
}
