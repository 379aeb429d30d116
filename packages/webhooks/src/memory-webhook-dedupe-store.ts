import type { QontakWebhookClaim, QontakWebhookDedupeStore } from './dedupe-store';
import { configError } from './qontak-webhook-error';
import { stringHash } from './string-hash';

/** Options of {@link MemoryWebhookDedupeStore}. */
export interface MemoryWebhookDedupeStoreOptions {
  /**
   * The most keys kept, from 1 to 10,000,000. Default 10,000 (about 1 MB). Past it the oldest are
   * forgotten first, so a redelivery of an event older than the last 10,000 is handed over again.
   */
  maxEntries?: number | undefined;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  clock?: (() => number) | undefined;
}

const DEFAULT_MAX_ENTRIES = 10_000;
const MAX_MAX_ENTRIES = 10_000_000;
/** How many entries the arrays hold at first; they double as keys come, up to `maxEntries`. */
const FIRST_CAPACITY = 64;
/** No entry: the end of the order. */
const NONE = -1;
const PENDING = 0;
const HANDLED = 1;

/**
 * The default dedupe store of the webhook handler: in this process's memory, bounded in size
 * (`maxEntries`) and in age (each key is dropped when the lease or ttl its caller gave runs out). Two
 * replicas behind one URL each keep their own: use a shared store to deduplicate across them.
 *
 * Each key is an entry of a few typed arrays, linked in the order it was stored, and found through an
 * open-addressing table of entry numbers and hashes (seeded per store, at most half full): a claim and
 * a commit read a few adjacent words instead of walking a `Map`'s chains through keys scattered in the
 * heap, and a full store forgets its oldest key and reuses its entry, allocating nothing per event.
 * @throws {QontakWebhookError} `config_error` when `maxEntries` or `clock` is not as documented.
 */
export class MemoryWebhookDedupeStore implements QontakWebhookDedupeStore {
  readonly #maxEntries: number;
  readonly #clock: () => number;
  readonly #seed = (Math.random() * 0x1_0000_0000) | 0;
  #size = 0;
  /** Entries handed out so far; those below it and not in use are on the free list. */
  #used = 0;
  #oldest = NONE;
  #newest = NONE;

  // Entry `e`: its key, the key's hash, state, expiry, neighbours in the order, and slot in the table.
  #keys: Array<string | undefined> = [];
  #hashes = new Int32Array(FIRST_CAPACITY);
  #states = new Uint8Array(FIRST_CAPACITY);
  #expiresAt = new Float64Array(FIRST_CAPACITY);
  #older = new Int32Array(FIRST_CAPACITY);
  #newer = new Int32Array(FIRST_CAPACITY);
  #slotOf = new Int32Array(FIRST_CAPACITY);
  /** Entries no key holds any more (released, expired or forgotten), used again before new ones. */
  #free = new Int32Array(FIRST_CAPACITY);
  #freeCount = 0;

  /**
   * The table, two words per slot (one cache line holds eight): at `2 * slot`, 0 when the slot is empty,
   * else its entry's number + 1; at `2 * slot + 1`, that entry's hash.
   */
  #table = new Int32Array(FIRST_CAPACITY * 4);
  #mask = FIRST_CAPACITY * 2 - 1;

  /** The key the last call looked up, with its hash: a commit follows the claim of its key. */
  #lastKey: string | undefined;
  #lastHash = 0;

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
    return this.#size;
  }

  claim(key: string, leaseMs: number): QontakWebhookClaim {
    const now = this.#clock();
    this.#sweep(now);
    const hash = this.#hashOf(key);
    const entry = this.#find(key, hash);
    if (entry === NONE) {
      this.#add(key, hash, PENDING, now + leaseMs);
    } else if (this.#expiresAt[entry]! > now) {
      return this.#states[entry] === HANDLED ? 'handled' : 'pending';
    } else {
      this.#states[entry] = PENDING;
      this.#expiresAt[entry] = now + leaseMs;
      this.#moveToNewest(entry);
    }
    return 'claimed';
  }

  /** Marks `key` handled and moves it to the new end: a long `onEvent` does not get its event forgotten first. */
  commit(key: string, ttlMs: number): void {
    const expiresAt = this.#clock() + ttlMs;
    const hash = this.#hashOf(key);
    const entry = this.#find(key, hash);
    if (entry === NONE) {
      this.#add(key, hash, HANDLED, expiresAt);
      return;
    }
    this.#states[entry] = HANDLED;
    this.#expiresAt[entry] = expiresAt;
    this.#moveToNewest(entry);
  }

  release(key: string): void {
    const entry = this.#find(key, this.#hashOf(key));
    if (entry !== NONE) this.#delete(entry);
  }

  #hashOf(key: string): number {
    if (key !== this.#lastKey) {
      this.#lastHash = stringHash(key, this.#seed);
      this.#lastKey = key;
    }
    return this.#lastHash;
  }

  /** The entry holding `key` (whose hash is `hash`), or {@link NONE}. */
  #find(key: string, hash: number): number {
    const table = this.#table;
    for (let slot = hash & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const held = table[2 * slot]!;
      if (held === 0) return NONE;
      if (table[2 * slot + 1] === hash && this.#keys[held - 1] === key) return held - 1;
    }
  }

  /** Stores `key` as the newest key, forgetting the oldest first when the store is full. */
  #add(key: string, hash: number, state: number, expiresAt: number): void {
    if (this.#size === this.#maxEntries) this.#delete(this.#oldest);
    const entry = this.#newEntry();
    this.#keys[entry] = key;
    this.#hashes[entry] = hash;
    this.#states[entry] = state;
    this.#expiresAt[entry] = expiresAt;
    this.#place(entry, hash);
    this.#link(entry);
    this.#size += 1;
  }

  /** A free entry: one released before, else the next never used (the arrays grown for it). */
  #newEntry(): number {
    if (this.#freeCount > 0) {
      this.#freeCount -= 1;
      return this.#free[this.#freeCount]!;
    }
    if (this.#used === this.#hashes.length) this.#grow();
    const entry = this.#used;
    this.#used += 1;
    return entry;
  }

  /** Doubles the entries (at most `maxEntries`) and the table, which it fills again from the hashes. */
  #grow(): void {
    const capacity = Math.min(this.#maxEntries, this.#hashes.length * 2);
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(
      array: T,
      make: new (length: number) => T,
    ): T => {
      const bigger = new make(capacity);
      bigger.set(array);
      return bigger;
    };
    this.#hashes = grown(this.#hashes, Int32Array);
    this.#states = grown(this.#states, Uint8Array);
    this.#expiresAt = grown(this.#expiresAt, Float64Array);
    this.#older = grown(this.#older, Int32Array);
    this.#newer = grown(this.#newer, Int32Array);
    this.#slotOf = grown(this.#slotOf, Int32Array);
    this.#free = grown(this.#free, Int32Array);
    let slotCount = this.#mask + 1;
    while (slotCount < capacity * 2) slotCount *= 2;
    if (slotCount === this.#mask + 1) return;
    this.#table = new Int32Array(slotCount * 2);
    this.#mask = slotCount - 1;
    for (let entry = this.#oldest; entry !== NONE; entry = this.#newer[entry]!) {
      this.#place(entry, this.#hashes[entry]!);
    }
  }

  /** Puts `entry` in the first empty slot from its hash's. */
  #place(entry: number, hash: number): void {
    let slot = hash & this.#mask;
    while (this.#table[2 * slot] !== 0) slot = (slot + 1) & this.#mask;
    this.#table[2 * slot] = entry + 1;
    this.#table[2 * slot + 1] = hash;
    this.#slotOf[entry] = slot;
  }

  /**
   * Empties `slot`, then moves back each entry of the run after it that could not be found past the
   * hole (no tombstones: a lookup stops at the first empty slot, and never has to skip deleted ones).
   */
  #emptySlot(slot: number): void {
    const table = this.#table;
    const mask = this.#mask;
    let hole = slot;
    table[2 * hole] = 0;
    for (let next = (hole + 1) & mask; table[2 * next] !== 0; next = (next + 1) & mask) {
      const home = table[2 * next + 1]! & mask;
      // The entry at `next` stays unless the hole lies between its home slot and it.
      if (((next - home) & mask) < ((next - hole) & mask)) continue;
      const held = table[2 * next]!;
      table[2 * hole] = held;
      table[2 * hole + 1] = table[2 * next + 1]!;
      this.#slotOf[held - 1] = hole;
      table[2 * next] = 0;
      hole = next;
    }
  }

  #delete(entry: number): void {
    this.#emptySlot(this.#slotOf[entry]!);
    this.#unlink(entry);
    this.#keys[entry] = undefined;
    this.#free[this.#freeCount] = entry;
    this.#freeCount += 1;
    this.#size -= 1;
  }

  #moveToNewest(entry: number): void {
    if (entry === this.#newest) return;
    this.#unlink(entry);
    this.#link(entry);
  }

  /** Puts `entry` (not in the order) at the new end. */
  #link(entry: number): void {
    this.#older[entry] = this.#newest;
    this.#newer[entry] = NONE;
    if (this.#newest === NONE) this.#oldest = entry;
    else this.#newer[this.#newest] = entry;
    this.#newest = entry;
  }

  /** Takes `entry` out of the order. */
  #unlink(entry: number): void {
    const older = this.#older[entry]!;
    const newer = this.#newer[entry]!;
    if (older === NONE) this.#oldest = newer;
    else this.#newer[older] = newer;
    if (newer === NONE) this.#newest = older;
    else this.#older[newer] = older;
  }

  /** Drops the expired keys at the old end (the oldest are the first to expire, with one ttl). */
  #sweep(now: number): void {
    while (this.#oldest !== NONE && this.#expiresAt[this.#oldest]! <= now) this.#delete(this.#oldest);
  }
}
