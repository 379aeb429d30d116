import diagnosticsChannel from 'node:diagnostics_channel';

/**
 * The `node:diagnostics_channel` channels the client publishes on, by name: subscribe with
 * `diagnostics_channel.subscribe(QONTAK_CLIENT_CHANNELS.retry, onRetry)`. Nothing is built or sent
 * while a channel has no subscriber. No message holds a credential, a query or a body.
 */
export const QONTAK_CLIENT_CHANNELS = {
  /** One {@link QontakRetryEvent} per answer that may be sent again (a 429, or a 502, 503, 504 to an idempotent method). */
  retry: 'qontak:client:retry',
} as const;

/** What {@link QONTAK_CLIENT_CHANNELS.retry} carries. */
export interface QontakRetryEvent {
  /** The request's method, e.g. `POST`. */
  readonly method: string;
  /** The request's path, without its query, e.g. `/api/open/v1/broadcasts/whatsapp/direct`. */
  readonly path: string;
  /** The status that answered it: 429, 502, 503 or 504. */
  readonly status: number;
  /** Which attempt got that answer, from 1. */
  readonly attempt: number;
  /**
   * What the client does: `retry` (it waits `waitMs`, then sends the request again), or hands the answer
   * back: `attempts` (that was the last attempt), `wait_too_long` (the wait asked for passes `maxWaitMs`,
   * what is left of `maxTotalWaitMs`, or of the call's `timeoutMs`), `not_replayable` (its body was a stream).
   */
  readonly outcome: 'retry' | 'attempts' | 'wait_too_long' | 'not_replayable';
  /** The wait before the next attempt, in ms (asked for by the answer, or the backoff). */
  readonly waitMs: number;
}

/** The retry channel, made once: publishing costs one property read while nobody subscribes. */
export const retryChannel = diagnosticsChannel.channel(QONTAK_CLIENT_CHANNELS.retry);
