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
