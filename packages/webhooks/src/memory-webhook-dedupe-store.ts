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

/** One key, linked to the one stored before it and the one after, oldest first. */
interface Entry {
  key: string;
  state: 'pending' | 'handled';
  expiresAt: number;
  older: Entry | undefined;
  newer: Entry | undefined;
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
  /**
   * The entries in the order they were stored, as a linked list: the oldest is dropped in constant time.
   * (A `Map` keeps that order too, but the entries deleted at its old end stay holes that each walk from
   * there goes through again until it is rehashed: with 10,000 keys, as long as the rest of a delivery.)
   */
  #oldest: Entry | undefined;
  #newest: Entry | undefined;
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
    if (entry === undefined) {
      this.#add(key, 'pending', now + leaseMs);
    } else if (entry.expiresAt > now) {
      return entry.state;
    } else {
      entry.state = 'pending';
      entry.expiresAt = now + leaseMs;
      this.#unlink(entry);
      this.#link(entry);
    }
    return 'claimed';
  }

  /** Marks `key` handled and moves it to the new end: a long `onEvent` does not get its event forgotten first. */
  commit(key: string, ttlMs: number): void {
    const expiresAt = this.#clock() + ttlMs;
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.#add(key, 'handled', expiresAt);
      return;
    }
    entry.state = 'handled';
    entry.expiresAt = expiresAt;
    if (entry !== this.#newest) {
      this.#unlink(entry);
      this.#link(entry);
    }
  }

  release(key: string): void {
    const entry = this.#entries.get(key);
    if (entry !== undefined) this.#delete(entry);
  }

  /**
   * Stores `key` as the newest key. When the store is full, the oldest key is forgotten and its entry
   * holds the new one: a full store allocates nothing per event.
   */
  #add(key: string, state: Entry['state'], expiresAt: number): void {
    let entry: Entry;
    if (this.#entries.size < this.#maxEntries) {
      entry = { key, state, expiresAt, older: undefined, newer: undefined };
    } else {
      entry = this.#oldest!;
      this.#delete(entry);
      entry.key = key;
      entry.state = state;
      entry.expiresAt = expiresAt;
    }
    this.#entries.set(key, entry);
    this.#link(entry);
  }

  /** Puts `entry` (not in the order) at the new end. */
  #link(entry: Entry): void {
    entry.older = this.#newest;
    if (this.#newest === undefined) this.#oldest = entry;
    else this.#newest.newer = entry;
    this.#newest = entry;
  }

  #delete(entry: Entry): void {
    this.#entries.delete(entry.key);
    this.#unlink(entry);
  }

  /** Takes `entry` out of the order (it stays in the map). */
  #unlink(entry: Entry): void {
    if (entry.older === undefined) this.#oldest = entry.newer;
    else entry.older.newer = entry.newer;
    if (entry.newer === undefined) this.#newest = entry.older;
    else entry.newer.older = entry.older;
    entry.older = undefined;
    entry.newer = undefined;
  }

  /** Drops the expired keys at the old end (the oldest are the first to expire, with one ttl). */
  #sweep(now: number): void {
    while (this.#oldest !== undefined && this.#oldest.expiresAt <= now) this.#delete(this.#oldest);
  }
}
