import type { QontakWebhookClaim, QontakWebhookDedupeStore } from './dedupe-store';
import { configError } from './qontak-webhook-error';

/** Options of {@link MemoryWebhookDedupeStore}. */
export interface MemoryWebhookDedupeStoreOptions {
  /**
   * The most keys kept, from 1 to 10,000,000. Default 10,000 (about 2 MB). Past it the oldest are
   * forgotten first, so a redelivery of an event older than the last 10,000 is handed over again.
   */
  maxEntries?: number | undefined;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  clock?: (() => number) | undefined;
}

interface Entry {
  readonly state: 'pending' | 'handled';
  readonly expiresAt: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;
const MAX_MAX_ENTRIES = 10_000_000;

/**
 * The default dedupe store of the webhook handler: in this process's memory, bounded in size
 * (`maxEntries`) and in age (each key is dropped when the lease or ttl its caller gave runs out). Two
 * replicas behind one URL each keep their own: use a shared store to deduplicate across them.
 * @throws {QontakWebhookError} `config_error` when `maxEntries` or `clock` is not as documented.
 */
export class MemoryWebhookDedupeStore implements QontakWebhookDedupeStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #clock: () => number;

  constructor(options: MemoryWebhookDedupeStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1 || maxEntries > MAX_MAX_ENTRIES) {
      throw configError(`maxEntries must be an integer from 1 to ${MAX_MAX_ENTRIES}.`);
    }
    const clock = options.clock ?? Date.now;
    if (typeof clock !== 'function')
      throw configError('clock must be a function returning ms since the epoch.');
    this.#maxEntries = maxEntries;
    this.#clock = clock;
  }

  /** How many keys it holds now (pending and handled; expired ones may still count until swept). */
  get size(): number {
    return this.#entries.size;
  }

  claim(key: string, leaseMs: number): QontakWebhookClaim {
    const now = this.#clock();
    this.#sweep(now);
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > now) return entry.state;
    this.#put(key, { state: 'pending', expiresAt: now + leaseMs });
    return 'claimed';
  }

  commit(key: string, ttlMs: number): void {
    this.#put(key, { state: 'handled', expiresAt: this.#clock() + ttlMs });
  }

  release(key: string): void {
    this.#entries.delete(key);
  }

  /** Stores `entry` as the newest key, forgetting the oldest ones past `maxEntries`. */
  #put(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
  }

  /** Drops the expired keys at the old end (the oldest are the first to expire, with one ttl). */
  #sweep(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#entries.delete(key);
    }
  }
}
