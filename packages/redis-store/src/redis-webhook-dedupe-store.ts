import { randomUUID } from 'node:crypto';
import { QontakAuthError, QontakAuthErrorCode } from '@qontak/auth-core';
import { configError, durationOption } from '@qontak/auth-core/adapter';
import type { Redis } from 'ioredis';
import { COMPARE_AND_DELETE, RedisScript } from './redis-script';

/** Options of {@link RedisWebhookDedupeStore}. */
export interface RedisWebhookDedupeStoreOptions {
  /**
   * Put before every event key (the handler's keys are at most 64 characters). Default `'qontak:webhook:'`;
   * set another (e.g. `'staging:qontak:webhook:'`) when several environments share one Redis database.
   * An ioredis `keyPrefix` on the client applies as well.
   */
  keyPrefix?: string | undefined;
  /**
   * Longest wait for Redis to answer one call, in ms, from 1 to 2,000 (the webhook handler waits 2 s for
   * a store call, then hands the event over without deduplication). Default 1,000.
   */
  timeoutMs?: number | undefined;
}

const DEFAULT_KEY_PREFIX = 'qontak:webhook:';
const DEFAULT_TIMEOUT_MS = 1_000;
const MAX_TIMEOUT_MS = 2_000;
/** The value of a handled event's key; a claim's value is `pending:<random UUID>`. */
const HANDLED = 'handled';
const CLAIMS: ReadonlySet<unknown> = new Set(['claimed', 'pending', 'handled']);

/**
 * `SET key <claim> NX PX <lease>`; when the key is taken, what it holds: `handled`, or `pending` (another
 * delivery's claim). Never returns the stored value itself.
 */
const CLAIM = new RedisScript(`if redis.call("set", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then
  return "claimed"
end
if redis.call("get", KEYS[1]) == "${HANDLED}" then
  return "handled"
end
return "pending"`);

/**
 * Marks the key handled for `ARGV[2]` ms while it still holds this caller's claim `ARGV[1]`, or holds
 * nothing (the claim's lease ran out and nobody claimed it since); leaves another caller's claim, and a
 * key already handled, as they are.
 */
const COMMIT = new RedisScript(`local value = redis.call("get", KEYS[1])
if value == false or value == ARGV[1] then
  redis.call("set", KEYS[1], "${HANDLED}", "PX", ARGV[2])
  return 1
end
return 0`);

/** A claim this store made and has not committed or released yet. */
interface OwnClaim {
  /** What the key holds while the claim is this store's: `pending:<random UUID>`. */
  readonly value: string;
  /** When its lease runs out (`Date.now()` ms): past it the claim is worth nothing. */
  readonly expiresAt: number;
}

/** A positive whole number of ms, as Redis' `PX` takes it. @throws {QontakAuthError} `config_error` otherwise. */
function checkedMs(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw configError('RedisWebhookDedupeStore', `${name} must be a positive whole number of ms.`);
  }
  return value;
}

/**
 * A webhook dedupe store on Redis (an ioredis client, v5 or v6), shared by every replica behind one
 * webhook URL, so that an event Qontak delivers to several of them is handed to `onEvent` once per fleet:
 * pass it as the `dedupe` option of `createQontakWebhookHandler` from `@qontak/webhooks`. It implements
 * that package's `QontakWebhookDedupeStore` and passes its conformance suite (`describeWebhookDedupeStore`).
 *
 * - `claim(key, leaseMs)` is `SET <prefix><key> pending:<random UUID> NX PX leaseMs` in one Lua script that
 *   answers, when the key is taken, `'handled'` or `'pending'`: two replicas never both claim one event.
 * - `commit(key, ttlMs)` stores `handled` for `ttlMs` (the handler's `dedupeTtlMs`, default 24 hours), and
 *   `release(key)` deletes the key, each in a Lua script that acts only while the key still holds this
 *   store's own claim (its random value): a replica whose lease ran out during a slow `onEvent` never
 *   deletes nor overwrites the claim another replica has taken since. A commit also stores `handled` when
 *   the key holds nothing (the lease ran out and no one claimed it since); a `release` of a key this store
 *   did not claim does nothing.
 * - Every key expires: a claim after its lease, a handled event after its ttl. Nothing is kept for ever.
 * - Each call waits at most `timeoutMs` for Redis, then rejects with a `timeout` error (the handler then
 *   hands the event over without deduplication); a claim that lands after its call gave up is released
 *   at once, so it does not hold back the redeliveries of an event for its lease.
 * - Its scripts are sent to Redis once and then run by their SHA-1 (`EVALSHA`, and `EVAL` only when Redis
 *   answers `NOSCRIPT`). The client is left as it is: the store never connects, quits or changes it.
 *
 * Redis errors are thrown as ioredis raises them (the handler logs their name and carries on). Give the
 * client options that fail fast when Redis is down (`enableOfflineQueue: false`, `maxRetriesPerRequest: 1`).
 *
 * @throws {QontakAuthError} `config_error` from the constructor when `timeoutMs` is not a whole number
 *   of ms from 1 to 2,000.
 */
export class RedisWebhookDedupeStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  /** This store's claims not yet committed nor released, oldest first. */
  readonly #claims = new Map<string, OwnClaim>();

  constructor(redis: Redis, options: RedisWebhookDedupeStoreOptions = {}) {
    const timeoutMs = durationOption(
      'RedisWebhookDedupeStore',
      'timeoutMs',
      options.timeoutMs ?? undefined,
      DEFAULT_TIMEOUT_MS,
      { min: 1, max: MAX_TIMEOUT_MS, whole: true },
    );
    this.#redis = redis;
    this.#prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Claims `key` for `leaseMs` when it is free (`'claimed'`), else answers what holds it: `'pending'`
   * (another delivery's claim) or `'handled'`.
   * @throws {QontakAuthError} `timeout` when Redis does not answer within `timeoutMs`; `config_error` when
   *   `leaseMs` is not a positive whole number. What ioredis throws when Redis cannot be reached.
   */
  async claim(key: string, leaseMs: number): Promise<'claimed' | 'pending' | 'handled'> {
    const redisKey = this.#prefix + key;
    const value = `pending:${randomUUID()}`;
    const answer = CLAIM.run(this.#redis, [redisKey], [value, String(checkedMs('leaseMs', leaseMs))]);
    const claim = await this.#bounded('claim', answer, () => {
      answer
        .then((late) => (late === 'claimed' ? COMPARE_AND_DELETE.run(this.#redis, [redisKey], [value]) : 0))
        .catch(() => undefined);
    });
    if (!CLAIMS.has(claim)) {
      throw new QontakAuthError(
        QontakAuthErrorCode.InvalidResponse,
        'RedisWebhookDedupeStore: Redis answered the claim script with an unexpected value.',
      );
    }
    if (claim === 'claimed') this.#remember(key, { value, expiresAt: Date.now() + leaseMs });
    return claim as 'claimed' | 'pending' | 'handled';
  }

  /**
   * Stores `key` as handled for `ttlMs`, in place of this store's claim (or of nothing: see the class).
   * @throws {QontakAuthError} `timeout` when Redis does not answer within `timeoutMs`; `config_error` when
   *   `ttlMs` is not a positive whole number. What ioredis throws when Redis cannot be reached.
   */
  async commit(key: string, ttlMs: number): Promise<void> {
    const ttl = String(checkedMs('ttlMs', ttlMs));
    const own = this.#take(key);
    await this.#bounded('commit', COMMIT.run(this.#redis, [this.#prefix + key], [own?.value ?? '', ttl]));
  }

  /**
   * Deletes `key` while it holds this store's claim, so that the next delivery of its event is handed
   * over; otherwise does nothing.
   * @throws {QontakAuthError} `timeout` when Redis does not answer within `timeoutMs`. What ioredis throws
   *   when Redis cannot be reached.
   */
  async release(key: string): Promise<void> {
    const own = this.#take(key);
    if (own === undefined) return;
    await this.#bounded('release', COMPARE_AND_DELETE.run(this.#redis, [this.#prefix + key], [own.value]));
  }

  /** Keeps `claim` as this store's latest claim of `key`, and forgets those whose lease ran out. */
  #remember(key: string, claim: OwnClaim): void {
    const now = Date.now();
    for (const [oldKey, old] of this.#claims) {
      if (old.expiresAt > now) break;
      this.#claims.delete(oldKey);
    }
    this.#claims.delete(key);
    this.#claims.set(key, claim);
  }

  /** This store's claim of `key`, forgotten from now on. */
  #take(key: string): OwnClaim | undefined {
    const claim = this.#claims.get(key);
    this.#claims.delete(key);
    return claim;
  }

  /**
   * What `answer` resolves to, or a `timeout` rejection once `timeoutMs` have passed (then `onLate()`
   * runs, to undo what the answer may still do).
   */
  async #bounded<T>(operation: string, answer: Promise<T>, onLate?: () => void): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        onLate?.();
        reject(
          new QontakAuthError(
            QontakAuthErrorCode.Timeout,
            `RedisWebhookDedupeStore: Redis did not answer the ${operation} within ${this.#timeoutMs} ms.`,
          ),
        );
      }, this.#timeoutMs);
    });
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
