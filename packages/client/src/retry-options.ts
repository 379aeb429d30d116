import { MAX_TIMER_MS } from '@qontak/auth-core/adapter';
import { integerOption } from './integer-option';

/** Options of the client's retries (`createQontakClient(auth, { retry })`). */
export interface QontakRetryOptions {
  /** How many times one request may be sent in all, the first included, 1 to 10. Default 3. */
  attempts?: number | undefined;
  /**
   * The longest one wait before sending again may be, in ms, 1 to 2_147_483_647. An answer that asks
   * for a longer wait (its `Retry-After` or `x-ratelimit-reset`) is handed back at once. Default 30_000.
   */
  maxWaitMs?: number | undefined;
  /**
   * The longest all the waits of one call may add up to, in ms, 1 to 2_147_483_647. A wait that would
   * pass it is not waited: the answer is handed back at once. Default 60_000.
   */
  maxTotalWaitMs?: number | undefined;
}

/** The retries of a client, validated, with every default filled in. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly maxWaitMs: number;
  readonly maxTotalWaitMs: number;
}

/** Default {@link QontakRetryOptions.attempts}. */
const DEFAULT_ATTEMPTS = 3;
/** The most attempts {@link QontakRetryOptions.attempts} allows. */
const MAX_ATTEMPTS = 10;
/** Default {@link QontakRetryOptions.maxWaitMs}: 30 s. */
const DEFAULT_MAX_WAIT_MS = 30_000;
/** Default {@link QontakRetryOptions.maxTotalWaitMs}: 60 s. */
const DEFAULT_MAX_TOTAL_WAIT_MS = 60_000;

/**
 * The policy `retry` describes (`undefined`: the defaults), or `undefined` for `false` (no retries).
 * @throws {TypeError} naming `owner` when `retry` is neither `false`, `undefined` nor an object.
 * @throws {RangeError} naming `owner` for a number out of range.
 */
export function retryPolicy(
  retry: QontakRetryOptions | false | undefined,
  owner: string,
): RetryPolicy | undefined {
  if (retry === false) return undefined;
  if (retry !== undefined && (typeof retry !== 'object' || retry === null)) {
    throw new TypeError(`${owner}: retry must be false or an object of retry options.`);
  }
  const { attempts, maxWaitMs, maxTotalWaitMs } = retry ?? {};
  return {
    attempts: integerOption(attempts, DEFAULT_ATTEMPTS, MAX_ATTEMPTS, owner, 'retry.attempts'),
    maxWaitMs: integerOption(maxWaitMs, DEFAULT_MAX_WAIT_MS, MAX_TIMER_MS, owner, 'retry.maxWaitMs'),
    maxTotalWaitMs: integerOption(
      maxTotalWaitMs,
      DEFAULT_MAX_TOTAL_WAIT_MS,
      MAX_TIMER_MS,
      owner,
      'retry.maxTotalWaitMs',
    ),
  };
}
