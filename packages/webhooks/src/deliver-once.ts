import type { QontakWebhookClaim, QontakWebhookDedupeStore } from './dedupe-store';
import type { QontakWebhookEvent } from './qontak-webhook-event';

/** The longest wait for one call of a dedupe store, in ms. */
const STORE_CALL_TIMEOUT_MS = 2_000;

/** What became of one delivery. */
type DeliveryOutcome =
  /** `onEvent` resolved. */
  | 'handled'
  /** Handed over before: `onEvent` was not called. */
  | 'duplicate'
  /** Another delivery of the same event is being handed over: `onEvent` was not called. */
  | 'in_progress'
  /** `onEvent` threw or rejected; the claim was released. */
  | 'failed';

/** A call of a dedupe store. */
type StoreOperation = 'claim' | 'commit' | 'release';

/** What the delivery reports, never with the secret or a payload's values. */
interface DeliveryReporter {
  storeFailed(operation: StoreOperation, reason: string): void;
  eventFailed(event: QontakWebhookEvent, error: unknown): void;
}

const CLAIMS: ReadonlySet<unknown> = new Set<QontakWebhookClaim>(['claimed', 'pending', 'handled']);

const TIMEOUT = Symbol('timeout');

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | undefined)?.then === 'function';
}

/**
 * Hands events to `onEvent` at most once per dedupe key: claim, call, then commit (resolved) or release
 * (thrown). Without a store or a key, every delivery is handed over; a store call that fails or does not
 * answer within {@link STORE_CALL_TIMEOUT_MS} is reported, and the event handed over all the same.
 */
export class OnceDelivery {
  readonly #store: QontakWebhookDedupeStore | undefined;
  readonly #ttlMs: number;
  readonly #leaseMs: number;
  readonly #reporter: DeliveryReporter;

  constructor(
    store: QontakWebhookDedupeStore | undefined,
    times: { ttlMs: number; leaseMs: number },
    reporter: DeliveryReporter,
  ) {
    this.#store = store;
    this.#ttlMs = times.ttlMs;
    this.#leaseMs = times.leaseMs;
    this.#reporter = reporter;
  }

  /**
   * Hands `event` over unless its key was handed over (or is being handed over) already. The outcome is
   * a plain value when the store and `onEvent` answered at once (the memory store, a synchronous
   * `onEvent`): a delivery then costs no promise turn of its own.
   */
  deliver(
    event: QontakWebhookEvent,
    key: string | undefined,
    onEvent: (event: QontakWebhookEvent) => unknown,
  ): DeliveryOutcome | Promise<DeliveryOutcome> {
    const store = key === undefined ? undefined : this.#store;
    if (store === undefined || key === undefined) return this.#handOver(event, onEvent, undefined, '');
    const claim = this.#call('claim', () => store.claim(key, this.#leaseMs));
    return isThenable(claim)
      ? claim.then((answer) => this.#afterClaim(answer, event, onEvent, store, key))
      : this.#afterClaim(claim, event, onEvent, store, key);
  }

  #afterClaim(
    answer: QontakWebhookClaim | undefined,
    event: QontakWebhookEvent,
    onEvent: (event: QontakWebhookEvent) => unknown,
    store: QontakWebhookDedupeStore,
    key: string,
  ): DeliveryOutcome | Promise<DeliveryOutcome> {
    const claim = this.#checked(answer);
    if (claim === 'handled') return 'duplicate';
    if (claim === 'pending') return 'in_progress';
    return this.#handOver(event, onEvent, claim === 'claimed' ? store : undefined, key);
  }

  /** Calls `onEvent`, then commits `key` in `store` (resolved) or releases it (thrown), given a claim. */
  #handOver(
    event: QontakWebhookEvent,
    onEvent: (event: QontakWebhookEvent) => unknown,
    store: QontakWebhookDedupeStore | undefined,
    key: string,
  ): DeliveryOutcome | Promise<DeliveryOutcome> {
    let result: unknown;
    try {
      result = onEvent(event);
    } catch (error) {
      return this.#failed(event, error, store, key);
    }
    if (!isThenable(result)) return this.#handled(store, key);
    return Promise.resolve(result).then(
      () => this.#handled(store, key),
      (error: unknown) => this.#failed(event, error, store, key),
    );
  }

  #handled(
    store: QontakWebhookDedupeStore | undefined,
    key: string,
  ): DeliveryOutcome | Promise<DeliveryOutcome> {
    if (store === undefined) return 'handled';
    const committed = this.#call('commit', () => store.commit(key, this.#ttlMs));
    return isThenable(committed) ? committed.then(() => 'handled' as const) : 'handled';
  }

  #failed(
    event: QontakWebhookEvent,
    error: unknown,
    store: QontakWebhookDedupeStore | undefined,
    key: string,
  ): DeliveryOutcome | Promise<DeliveryOutcome> {
    this.#reporter.eventFailed(event, error);
    if (store === undefined) return 'failed';
    const released = this.#call('release', () => store.release(key));
    return isThenable(released) ? released.then(() => 'failed' as const) : 'failed';
  }

  /** The store's claim, or `undefined` (reported) when it answered something else. */
  #checked(claim: QontakWebhookClaim | undefined): QontakWebhookClaim | undefined {
    if (claim === undefined || CLAIMS.has(claim)) return claim;
    this.#reporter.storeFailed('claim', "it answered neither 'claimed', 'pending' nor 'handled'");
    return undefined;
  }

  /**
   * `call()`, bounded in time; `undefined` (reported) when it threw or did not answer in time. A store
   * that answers at once (the memory store) is neither awaited nor timed.
   */
  #call<T>(
    operation: StoreOperation,
    call: () => T | PromiseLike<T>,
  ): T | undefined | Promise<T | undefined> {
    let answer: T | PromiseLike<T>;
    try {
      answer = call();
    } catch (error) {
      this.#storeFailed(operation, error);
      return undefined;
    }
    return isThenable(answer) ? this.#awaited(operation, answer) : answer;
  }

  async #awaited<T>(operation: StoreOperation, answer: PromiseLike<T>): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const result = await Promise.race([
        answer,
        new Promise<typeof TIMEOUT>((resolve) => {
          timer = setTimeout(resolve, STORE_CALL_TIMEOUT_MS, TIMEOUT);
        }),
      ]);
      if (result !== TIMEOUT) return result;
      this.#reporter.storeFailed(operation, `no answer within ${STORE_CALL_TIMEOUT_MS} ms`);
    } catch (error) {
      this.#storeFailed(operation, error);
    } finally {
      clearTimeout(timer);
    }
    return undefined;
  }

  #storeFailed(operation: StoreOperation, error: unknown): void {
    this.#reporter.storeFailed(operation, error instanceof Error ? error.name : 'it threw');
  }
}
