import { configError } from '@qontak/auth-core/adapter';
import {
  acquireLock,
  deserializeToken,
  resolveLockWaitMs,
  serializeToken,
  type QontakToken,
  type TokenStore,
  type TokenStoreUnlock,
} from '@qontak/auth-core/store';
import type { Redis } from 'ioredis';
import { COMPARE_AND_DELETE, RedisScript } from './redis-script';
import { TokenCipher } from './token-cipher';

/** Options of {@link RedisTokenStore}. */
export interface RedisTokenStoreOptions {
  /**
   * Put before every key this store writes. Default `''`: the core's keys already read
   * `qontak:<origin>:<client id>:<username>`, so entries need no further namespace; set one (e.g.
   * `'staging:'`) when several environments share one Redis database. An ioredis `keyPrefix` on the
   * client applies as well.
   */
  keyPrefix?: string | undefined;
  /**
   * Encrypts entries at rest with AES-256-GCM: a 32-byte key, as raw bytes or base64 text. Default
   * none (entries hold the token in clear JSON). With a key, entries that are not encrypted with it
   * are read as no token (and replaced at the next grant), so a Redis dump hands out no bearer token.
   */
  encryptionKey?: Uint8Array | string | undefined;
  /**
   * Longest time {@link RedisTokenStore.lock} waits for another holder, in ms: see `resolveLockWaitMs`
   * of `@qontak/auth-core/store`.
   */
  lockWaitMs?: number | undefined;
  /**
   * The clock token expiries are read with, in ms since the epoch: pass QontakAuth's `clock` if you
   * gave it one. Default `Date.now`.
   */
  clock?: (() => number) | undefined;
}

/**
 * One attempt to take the lock: `SET NX PX`. When the key is taken, reports whether it looks like a
 * lock of this store (a string with an expiry: returns 0, wait and try again) or not (returns what
 * it is instead, e.g. `hash` or `string without expiry`); never returns the value itself.
 */
const TRY_LOCK = new RedisScript(`if redis.call("set", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then
  return 1
end
local kind = redis.call("type", KEYS[1]).ok
if kind == "none" or (kind == "string" and redis.call("pttl", KEYS[1]) > 0) then
  return 0
end
if kind == "string" then
  return "string without expiry"
end
return kind`);

/**
 * A {@link TokenStore} on Redis (an ioredis client, v5 or v6): every replica of a fleet shares one
 * token, and its lock lets the fleet make one grant per token lifetime.
 *
 * - An entry is `SET key value PX <ms until the token expires>`: Redis drops it with the token.
 * - `lock(key, ttlMs)` is `SET <key>:lock <random value> NX PX ttlMs`, in a Lua script that also
 *   checks a lock key it could not take: this store's locks are always strings with an expiry, so a
 *   lock key holding anything else (a hash, a string without expiry) was not written by it and is
 *   refused at once instead of waited on. Waiters poll with a growing, jittered delay (10 ms up to
 *   200 ms); release is a compare-and-delete Lua script, so only the owner releases, and a crashed
 *   owner's lock expires after `ttlMs`.
 * - Its two Lua scripts are sent to Redis once and then run by their SHA-1 (`EVALSHA`, and `EVAL`
 *   only when Redis answers `NOSCRIPT`, e.g. after a restart or `SCRIPT FLUSH`). The client is left as
 *   it is: no command is defined on it.
 * - Redis errors are thrown as ioredis raises them; the core reports them to its logger and carries
 *   on with its in-process cache. Give the client options that fail fast when Redis is down
 *   (`enableOfflineQueue: false`, `maxRetriesPerRequest: 1`), or a call waits for ioredis' retries.
 *
 * The store does not own the client: it never connects or quits it.
 *
 * @throws {QontakAuthError} `config_error` from the constructor for a bad `encryptionKey`, or a
 *   `lockWaitMs` that `resolveLockWaitMs` refuses.
 */
export class RedisTokenStore implements TokenStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #cipher: TokenCipher | undefined;
  readonly #lockWaitMs: number | undefined;
  readonly #clock: () => number;

  constructor(redis: Redis, options: RedisTokenStoreOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.keyPrefix ?? '';
    this.#cipher = options.encryptionKey === undefined ? undefined : new TokenCipher(options.encryptionKey);
    this.#lockWaitMs = resolveLockWaitMs(options.lockWaitMs, 'RedisTokenStore');
    this.#clock = options.clock ?? Date.now;
  }

  /**
   * The token under `key`, or `undefined` (none, expired and dropped by Redis, not readable, or not
   * encrypted with this store's key). @throws what ioredis throws when Redis cannot be reached.
   */
  async get(key: string): Promise<QontakToken | undefined> {
    const redisKey = this.#prefix + key;
    const value = await this.#redis.get(redisKey);
    return value === null ? undefined : this.#decode(redisKey, value);
  }

  /**
   * Deletes the entry under `key` only while it holds `accessToken`: the stored value that was read
   * and compared is deleted by a compare-and-delete Lua script, so a newer token that another
   * process stored in between stays. @throws what ioredis throws when Redis cannot be reached.
   */
  async deleteIf(key: string, accessToken: string): Promise<void> {
    const redisKey = this.#prefix + key;
    const value = await this.#redis.get(redisKey);
    if (value === null || this.#decode(redisKey, value)?.accessToken !== accessToken) return;
    await COMPARE_AND_DELETE.run(this.#redis, [redisKey], [value]);
  }

  #decode(redisKey: string, value: string): QontakToken | undefined {
    const text = this.#cipher ? this.#cipher.decrypt(value, redisKey) : value;
    return text === undefined ? undefined : deserializeToken(text);
  }

  /**
   * Keeps `token` under `key` until `token.expiresAt`; an already expired token deletes the entry.
   * @throws what ioredis throws when Redis cannot be reached.
   */
  async set(key: string, token: QontakToken): Promise<void> {
    const redisKey = this.#prefix + key;
    const ttlMs = Math.floor(token.expiresAt - this.#clock());
    if (ttlMs <= 0) {
      await this.#redis.del(redisKey);
      return;
    }
    const text = serializeToken(token);
    await this.#redis.set(redisKey, this.#cipher ? this.#cipher.encrypt(text, redisKey) : text, 'PX', ttlMs);
  }

  /** Deletes the entry under `key`. @throws what ioredis throws when Redis cannot be reached. */
  async delete(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key);
  }

  /**
   * Waits until this caller holds `key`'s lock (`<prefix><key>:lock`, expiring after `ttlMs`) and
   * returns its release, which never throws and only deletes the lock while this caller owns it.
   * @throws {QontakAuthError} `timeout` when another holder keeps the lock past `lockWaitMs`;
   *   `config_error` at once when the lock key holds a value this store did not write (anything but
   *   a string with an expiry): delete the key or set another `keyPrefix`; `config_error` when
   *   `ttlMs` is not a finite number. What ioredis throws when Redis cannot be reached (at once: a
   *   down Redis is never waited on).
   */
  lock(key: string, ttlMs: number, signal?: AbortSignal): Promise<TokenStoreUnlock> {
    const lockKey = `${this.#prefix}${key}:lock`;
    return acquireLock({
      store: 'RedisTokenStore',
      ttlMs,
      lockWaitMs: this.#lockWaitMs,
      tryAcquire: ({ owner, ttlMs: ttl }) => this.#tryLock(lockKey, owner, ttl),
      release: async ({ owner }) => {
        await COMPARE_AND_DELETE.run(this.#redis, [lockKey], [owner]);
      },
      holder: 'another process (the token lock)',
      signal,
    });
  }

  /** One attempt: true when taken, false when another lock of this store holds the key. */
  async #tryLock(lockKey: string, owner: string, ttl: number): Promise<boolean> {
    const result = await TRY_LOCK.run(this.#redis, [lockKey], [owner, String(ttl)]);
    if (result === 1) return true;
    if (result === 0) return false;
    throw configError(
      'RedisTokenStore',
      `the lock key ${lockKey} holds a value this store did not write (${describe(result)}; its locks are strings with an expiry). Delete the key, or give the store another keyPrefix.`,
    );
  }
}

/** What the lock script found at a foreign lock key, as a phrase: `a hash`, `a string without expiry`. */
function describe(kind: unknown): string {
  return typeof kind === 'string' && /^[a-z ]+$/.test(kind) ? `a ${kind}` : 'an unexpected value';
}
