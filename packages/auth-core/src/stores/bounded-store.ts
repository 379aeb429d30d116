import { HEADER_SAFE_TOKEN } from '../contract/bearer';
import { isQontakAuthError } from '../errors/auth-error';
import type { QontakLogger } from '../logging/logger';
import type { QontakToken } from './token';
import type { TokenStore, TokenStoreUnlock } from './token-store';

/** What a store call that did not answer in time resolves to. */
const NO_ANSWER = Symbol('no answer');

/** How long the calls of a {@link BoundedStore} may take. */
interface StoreBounds {
  /** Longest wait for one get, set, delete or unlock, in ms. */
  readonly callMs: number;
  /** Longest wait for the lock, in ms. */
  readonly lockMs: number;
  /** How long a lock is held at most, in ms (passed to the store). */
  readonly lockTtlMs: number;
}

/**
 * One account's entry in a {@link TokenStore}, with every call bounded in time and never thrown: a
 * store that fails or does not answer in time is reported to the logger and treated as empty, so the
 * in-process cache carries on.
 */
export class BoundedStore {
  readonly #store: TokenStore;
  readonly #key: string;
  readonly #bounds: StoreBounds;
  readonly #logger: Required<QontakLogger>;
  /** Whether the store's latest call went unanswered in time (and no later one has answered since). */
  #silent = false;
  /** Whether an unusable stored token was reported since the store last held a usable one (or none). */
  #reportedUnusable = false;

  constructor(store: TokenStore, key: string, bounds: StoreBounds, logger: Required<QontakLogger>) {
    this.#store = store;
    this.#key = key;
    this.#bounds = bounds;
    this.#logger = logger;
  }

  /** Whether the store has a lock (a fleet then makes one grant per token lifetime). */
  get hasLock(): boolean {
    return this.#store.lock !== undefined;
  }

  /**
   * Whether the store's latest call went unanswered in time: it is then treated as absent until it
   * answers again (its lock is not waited for, and a grant is not preceded by a second read).
   */
  get silent(): boolean {
    return this.#silent;
  }

  /**
   * The stored token, or `undefined`: none, the store failed, or what it holds cannot be used (see
   * {@link unusableReason}; reported to the logger once, without the token, and replaced by the next
   * grant).
   */
  async get(): Promise<QontakToken | undefined> {
    const stored: unknown = await this.#call('get', () => this.#store.get(this.#key));
    const reason = stored === undefined ? undefined : unusableReason(stored);
    if (reason === undefined) {
      this.#reportedUnusable = false;
      return stored as QontakToken | undefined;
    }
    if (this.#reportedUnusable) return undefined;
    this.#reportedUnusable = true;
    this.#logger.warn(
      'Qontak token store held a token that cannot be used; ignoring it and granting a new one',
      {
        reason,
      },
    );
    return undefined;
  }

  /** Stores `token` (a failure is logged). */
  async set(token: QontakToken): Promise<void> {
    await this.#call('set', () => this.#store.set(this.#key, token));
  }

  /** Forgets the stored token only while it is `accessToken`: another process may have stored a newer one. */
  async forget(accessToken: string): Promise<void> {
    const store = this.#store;
    if (store.deleteIf) {
      await this.#call('deleteIf', () => store.deleteIf!(this.#key, accessToken));
      return;
    }
    const stored = await this.get();
    if (stored?.accessToken === accessToken) await this.#call('delete', () => store.delete(this.#key));
  }

  /**
   * Takes the store's lock, waiting at most `lockMs`: past that, when the store fails, or at once when
   * its latest call went unanswered ({@link silent}), `undefined` (the caller goes on without it). A
   * lock obtained after the wait was given up is released at once.
   */
  async lock(closed: AbortSignal): Promise<TokenStoreUnlock | undefined> {
    const lock = this.#store.lock;
    if (lock === undefined) return undefined;
    if (this.#silent) {
      this.#logger.warn('Qontak token store is not answering; granting without its lock', {
        operation: 'lock',
      });
      return undefined;
    }
    const gaveUp = new AbortController();
    const signal = AbortSignal.any([closed, gaveUp.signal]);
    const pending = (async () => lock.call(this.#store, this.#key, this.#bounds.lockTtlMs, signal))();
    const unlock = await this.#call('lock', () => pending, { lockWaitMs: this.#bounds.lockMs });
    if (unlock === undefined) {
      gaveUp.abort();
      pending.then(
        (late) => late(),
        () => undefined,
      );
    }
    return unlock;
  }

  /** Releases a lock taken with {@link lock}. */
  async unlock(unlock: TokenStoreUnlock): Promise<void> {
    await this.#call('unlock', unlock);
  }

  /**
   * Runs one store call, bounded by `callMs`, or by `lockWaitMs` for a lock wait: running out of that
   * is contention (another process holds the lock through its grant), so it does not make the store
   * {@link silent}; any answer, even an error, makes it heard again.
   */
  async #call<T>(
    operation: string,
    call: () => Promise<T>,
    { lockWaitMs }: { lockWaitMs?: number } = {},
  ): Promise<T | undefined> {
    const limitMs = lockWaitMs ?? this.#bounds.callMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const pending = call();
      const answer = await Promise.race([
        pending,
        new Promise<typeof NO_ANSWER>((resolve) => {
          timer = setTimeout(resolve, limitMs, NO_ANSWER);
        }),
      ]);
      if (answer !== NO_ANSWER) {
        this.#silent = false;
        return answer;
      }
      if (lockWaitMs === undefined) this.#silent = true;
      pending.then(
        () => (this.#silent = false),
        () => (this.#silent = false),
      );
      this.#logger.warn('Qontak token store did not answer in time; continuing with the in-process cache', {
        operation,
        timeoutMs: limitMs,
      });
      return undefined;
    } catch (error) {
      this.#silent = false;
      this.#logger.warn('Qontak token store failed; continuing with the in-process cache', {
        operation,
        error: error instanceof Error ? error.name : typeof error,
        // A QontakAuthError's code and message are secret-free (a store's own, e.g. a foreign lock key).
        ...(isQontakAuthError(error) ? { code: error.code, message: error.message } : {}),
      });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Why a store's answer is no usable token, or `undefined` when it is one: the same rules a grant's
 * answer is held to (an access token an `Authorization` header can carry, a finite expiry), checked on
 * every read because a store is written by others (another process, an older version, a person).
 */
function unusableReason(stored: unknown): string | undefined {
  if (typeof stored !== 'object' || stored === null) return 'not a token';
  const { accessToken, refreshToken, expiresAt, issuedAt } = stored as Partial<
    Record<keyof QontakToken, unknown>
  >;
  if (typeof accessToken !== 'string' || !HEADER_SAFE_TOKEN.test(accessToken)) {
    return 'its access token is missing or has characters an Authorization header cannot carry';
  }
  if (refreshToken !== undefined && typeof refreshToken !== 'string')
    return 'its refresh token is not a string';
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return 'its expiry is not a number';
  if (issuedAt !== undefined && (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt))) {
    return 'its issue time is not a number';
  }
  return undefined;
}
