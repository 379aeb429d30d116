/**
 * The delay before retry number `retry` (1-based): "full jitter" exponential backoff, a random time
 * between 0 and `min(maxDelayMs, baseDelayMs * 2^(retry-1))`.
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * The longest wait a `Retry-After` is taken to ask for: one day (86,400 s). A server that asks for more
 * (a 400-digit number, a date centuries ahead) is broken or hostile; its answer counts as one day, both
 * in `QontakAuthError.retryAfterMs` and in the `Retry-After` an adapter sends its own client.
 */
const MAX_RETRY_AFTER_MS = 86_400_000;

/** `ms` within `[0, MAX_RETRY_AFTER_MS]`; `undefined` for a value that is not a number of ms (`NaN`). */
export function boundedRetryAfter(ms: number | undefined): number | undefined {
  if (typeof ms !== 'number' || Number.isNaN(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/**
 * The delay a `Retry-After` header asks for, in ms: delta-seconds or an HTTP-date (RFC 9110), at most
 * {@link MAX_RETRY_AFTER_MS}. `undefined` when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return boundedRetryAfter(Number(text) * 1000);
  if (!/^[a-z]{3},? /i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return boundedRetryAfter(date - now);
}
