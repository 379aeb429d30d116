import { describe, expect, it } from 'vitest';
import { MemoryWebhookDedupeStore } from '../memory-webhook-dedupe-store';
import { QontakWebhookError } from '../qontak-webhook-error';
import { describeWebhookDedupeStore } from '../testing';

describeWebhookDedupeStore('MemoryWebhookDedupeStore', () => new MemoryWebhookDedupeStore(), {
  test: { describe, it },
});

const HOUR = 3_600_000;

describe('MemoryWebhookDedupeStore stays bounded', () => {
  it('keeps at most 10,000 keys (the default) through 100,000 distinct events, forgetting the oldest', () => {
    const store = new MemoryWebhookDedupeStore();
    let largest = 0;
    for (let event = 0; event < 100_000; event += 1) {
      const key = `event-${event}`;
      expect(store.claim(key, 60_000)).toBe('claimed');
      store.commit(key, 24 * HOUR);
      largest = Math.max(largest, store.size);
    }
    expect(largest).toBe(10_000);
    expect(store.size).toBe(10_000);
    expect(store.claim('event-99999', 60_000)).toBe('handled');
    expect(store.claim('event-90000', 60_000)).toBe('handled');
    expect(store.claim('event-89999', 60_000)).toBe('claimed');
  });

  it('holds no more than maxEntries keys, claims included', () => {
    const store = new MemoryWebhookDedupeStore({ maxEntries: 100 });
    for (let event = 0; event < 1_000; event += 1) store.claim(`event-${event}`, 60_000);
    expect(store.size).toBe(100);
  });

  it('drops keys once their ttl ran out (a clock of its own)', () => {
    let now = 0;
    const store = new MemoryWebhookDedupeStore({ clock: () => now });
    for (let event = 0; event < 5_000; event += 1) {
      store.claim(`event-${event}`, 60_000);
      store.commit(`event-${event}`, HOUR);
    }
    now = HOUR - 1;
    expect(store.claim('event-0', 60_000)).toBe('handled');
    expect(store.size).toBe(5_000);
    now = HOUR;
    expect(store.claim('fresh', 60_000)).toBe('claimed');
    expect(store.size).toBe(1);
    expect(store.claim('event-0', 60_000)).toBe('claimed');
  });

  it('moves a committed key to the new end, so a long onEvent does not get its event forgotten first', () => {
    const store = new MemoryWebhookDedupeStore({ maxEntries: 3 });
    store.claim('slow', 60_000);
    store.claim('b', 60_000);
    store.claim('c', 60_000);
    store.commit('slow', HOUR);
    store.claim('d', 60_000);
    expect(store.claim('slow', 60_000)).toBe('handled');
    expect(store.claim('b', 60_000)).toBe('claimed');
  });

  it.each([0, -1, 1.5, 10_000_001, Number.NaN])('refuses maxEntries %s with a config_error', (maxEntries) => {
    expect(() => new MemoryWebhookDedupeStore({ maxEntries })).toThrow(QontakWebhookError);
  });
});

/** The store's rules, kept the plain way: a `Map` in the order keys were stored (a move is a delete and a set). */
class ModelStore {
  readonly #entries = new Map<string, { state: 'pending' | 'handled'; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly clock: () => number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  claim(key: string, leaseMs: number): string {
    const now = this.clock();
    for (const [oldest, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#entries.delete(oldest);
    }
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > now) return entry.state;
    this.#store(key, 'pending', now + leaseMs);
    return 'claimed';
  }

  commit(key: string, ttlMs: number): void {
    this.#store(key, 'handled', this.clock() + ttlMs);
  }

  release(key: string): void {
    this.#entries.delete(key);
  }

  #store(key: string, state: 'pending' | 'handled', expiresAt: number): void {
    if (!this.#entries.delete(key) && this.#entries.size === this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(key, { state, expiresAt });
  }
}

/** A small seeded generator (mulberry32): the same operations on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('MemoryWebhookDedupeStore agrees with the plain model of its rules', () => {
  it.each([1, 7, 64, 1_000])(
    'with maxEntries %i: 100,000 random claims, commits, releases and clock steps answer alike',
    (maxEntries) => {
      let now = 1_000_000;
      const clock = () => now;
      const store = new MemoryWebhookDedupeStore({ maxEntries, clock });
      const model = new ModelStore(maxEntries, clock);
      const random = seededRandom(maxEntries);
      // Three keys for each place: the store fills, forgets, finds again, and its table wraps around.
      const keys = Array.from({ length: maxEntries * 3 + 2 }, (_, index) => `c|message-${index}|~`);
      for (let step = 0; step < 100_000; step += 1) {
        const key = keys[Math.floor(random() * keys.length)]!;
        const roll = random();
        if (roll < 0.5) {
          const leaseMs = 1 + Math.floor(random() * 2_000);
          expect(store.claim(key, leaseMs), `step ${step}: claim`).toBe(model.claim(key, leaseMs));
        } else if (roll < 0.8) {
          const ttlMs = 1 + Math.floor(random() * 5_000);
          store.commit(key, ttlMs);
          model.commit(key, ttlMs);
        } else if (roll < 0.9) {
          store.release(key);
          model.release(key);
        } else {
          now += Math.floor(random() * 300);
        }
        expect(store.size, `step ${step}: size`).toBe(model.size);
      }
    },
  );
});
