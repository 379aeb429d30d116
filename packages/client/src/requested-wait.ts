import { parseRetryAfter } from '@qontak/auth-core/adapter';

/** From this value on, an `x-ratelimit-reset` is a Unix time in seconds (2001-09-09 on); below it, seconds to wait. */
const UNIX_TIME_FROM_S = 1_000_000_000;

/**
 * How long an answer asks to wait before the request is sent again, in ms (`now` is the time in ms since
 * the epoch): its `Retry-After` (seconds or an HTTP date), else its `x-ratelimit-reset` (seconds to wait,
 * or the Unix time in seconds when the limit resets). `undefined` when it says neither readably; never negative.
 */
export function requestedWait(headers: Headers, now: number): number | undefined {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset === undefined || !/^\d+$/.test(reset)) return undefined;
  const seconds = Number(reset);
  return Math.max(0, seconds >= UNIX_TIME_FROM_S ? seconds * 1000 - now : seconds * 1000);
}
