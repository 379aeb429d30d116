import { describe, expect, it } from 'vitest';
import type { QontakWebhookDedupeStore } from '../dedupe-store';
import { MemoryWebhookDedupeStore } from '../memory-webhook-dedupe-store';
import { SECRET, startHandler } from './support/handler-fixture';
import {
  BROADCAST_LOG_STATUS,
  CUSTOMER_MESSAGE,
  EVENTS,
  LEGACY_CUSTOMER_MESSAGE,
  ROOM_RESOLVED,
  STATUS_MESSAGE,
} from './support/payloads';
import { post } from './support/requests';

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('createQontakWebhookHandler hands each event over once', () => {
  it.each(EVENTS)(
    '%s delivered three times: handed over once, each delivery answered 200',
    async (_name, payload) => {
      const { url, events } = await startHandler();
      const answers = [await post(url, payload), await post(url, payload), await post(url, payload)];
      expect(answers.map((answer) => [answer.status, answer.json['status']])).toEqual([
        [200, 'received'],
        [200, 'duplicate'],
        [200, 'duplicate'],
      ]);
      expect(events).toHaveLength(1);
    },
  );

  it('hands over each new status of a message, and the same status once', async () => {
    const { url, events } = await startHandler();
    for (const status of ['sent', 'delivered', 'delivered', 'read', 'sent']) {
      expect((await post(url, { ...STATUS_MESSAGE, status })).status).toBe(200);
    }
    expect(events.map((event) => event.status)).toEqual(['sent', 'delivered', 'read']);
  });

  it('takes the older customer payload and the newer one of the same message for one event', async () => {
    const { url, events } = await startHandler();
    await post(url, LEGACY_CUSTOMER_MESSAGE);
    expect((await post(url, CUSTOMER_MESSAGE)).json).toEqual({ status: 'duplicate' });
    expect(events).toHaveLength(1);
  });

  it('two deliveries at once while onEvent runs: one is handed over, the other answered 503 to come back', async () => {
    const release = gate();
    const entered = gate();
    const { url, events } = await startHandler({
      onEvent: async () => {
        entered.open();
        await release.opened;
      },
    });
    const first = post(url, CUSTOMER_MESSAGE);
    await entered.opened;
    const second = await post(url, CUSTOMER_MESSAGE);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('10');
    expect(second.json).toEqual({ error: 'in_progress' });
    release.open();
    expect((await first).json).toEqual({ status: 'received' });
    expect((await post(url, CUSTOMER_MESSAGE)).json).toEqual({ status: 'duplicate' });
    expect(events).toHaveLength(1);
  });

  it('ten deliveries of one event at once: onEvent called once, the nine others answered 503 meanwhile', async () => {
    const nineAnswered = gate();
    const safety = setTimeout(nineAnswered.open, 5_000);
    const { url, events } = await startHandler({ onEvent: () => nineAnswered.opened });
    let answered = 0;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        post(url, BROADCAST_LOG_STATUS).then((answer) => {
          answered += 1;
          if (answered === 9) nineAnswered.open();
          return answer;
        }),
      ),
    );
    clearTimeout(safety);
    expect(events).toHaveLength(1);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array<number>(9).fill(503)]);
  });

  it('an onEvent that throws: 500 with a generic body; the redelivery is handed over and answered 200', async () => {
    let calls = 0;
    const { url, events, logs } = await startHandler({
      onEvent: () => {
        calls += 1;
        if (calls === 1) throw new Error(`the database is down (postgres://bot:hunter2@db)`);
      },
    });
    const failed = await post(url, CUSTOMER_MESSAGE);
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ error: 'internal_error' });
    expect(failed.text).not.toContain('database');
    const again = await post(url, CUSTOMER_MESSAGE);
    expect(again.json).toEqual({ status: 'received' });
    expect(events).toHaveLength(2);
    expect((await post(url, CUSTOMER_MESSAGE)).json).toEqual({ status: 'duplicate' });
    expect(logs.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message: 'Qontak webhook: onEvent failed; answered 500 so that Qontak may deliver the event again.',
        context: {
          dataEvent: 'receive_message_from_customer',
          error: 'Error: the database is down (postgres://bot:hunter2@db)',
        },
      },
    ]);
  });

  it('an onEvent that rejects after a while: the redelivery arriving meanwhile gets 503, the one after is handed over', async () => {
    const fail = gate();
    const entered = gate();
    let calls = 0;
    const { url, events } = await startHandler({
      onEvent: async () => {
        calls += 1;
        if (calls > 1) return;
        entered.open();
        await fail.opened;
        throw new Error('timeout calling the LLM');
      },
    });
    const first = post(url, CUSTOMER_MESSAGE);
    await entered.opened;
    expect((await post(url, CUSTOMER_MESSAGE)).status).toBe(503);
    fail.open();
    expect((await first).status).toBe(500);
    expect((await post(url, CUSTOMER_MESSAGE)).json).toEqual({ status: 'received' });
    expect(events).toHaveLength(2);
  });

  it('an event without an identity (a resolved room with no time) is handed over every time', async () => {
    const { url, events } = await startHandler();
    const timeless = { ...ROOM_RESOLVED, resolved_at: null, updated_at: undefined };
    await post(url, timeless);
    await post(url, timeless);
    expect(events).toHaveLength(2);
  });

  it('dedupe: false hands over every delivery', async () => {
    const { url, events } = await startHandler({ dedupe: false });
    await post(url, CUSTOMER_MESSAGE);
    await post(url, CUSTOMER_MESSAGE);
    expect(events).toHaveLength(2);
  });

  it('two handlers sharing one store hand an event delivered to both over once', async () => {
    const dedupe = new MemoryWebhookDedupeStore();
    const a = await startHandler({ dedupe });
    const b = await startHandler({ dedupe });
    await post(a.url, CUSTOMER_MESSAGE);
    expect((await post(b.url, CUSTOMER_MESSAGE)).json).toEqual({ status: 'duplicate' });
    expect([a.events.length, b.events.length]).toEqual([1, 0]);
  });

  it('remembers an event for dedupeTtlMs', async () => {
    let now = 1_000_000;
    const dedupe = new MemoryWebhookDedupeStore({ clock: () => now });
    const { url, events } = await startHandler({ dedupe, dedupeTtlMs: 60_000 });
    await post(url, CUSTOMER_MESSAGE);
    now += 59_999;
    await post(url, CUSTOMER_MESSAGE);
    now += 2;
    await post(url, CUSTOMER_MESSAGE);
    expect(events).toHaveLength(2);
  });
});

describe('createQontakWebhookHandler with a dedupe store that fails', () => {
  const broken: Array<[string, QontakWebhookDedupeStore]> = [
    [
      'throws',
      {
        claim: () => {
          throw new Error(`redis://:${SECRET}@cache refused`);
        },
        commit: () => undefined,
        release: () => undefined,
      },
    ],
    [
      'never answers',
      { claim: () => new Promise(() => undefined), commit: () => undefined, release: () => undefined },
    ],
    ['answers nonsense', { claim: () => 'yes' as never, commit: () => undefined, release: () => undefined }],
  ];

  it.each(broken)(
    'a store whose claim %s: the event is handed over, and the failure logged without its message',
    async (_case, dedupe) => {
      const { url, events, logs } = await startHandler({ dedupe });
      const started = Date.now();
      expect((await post(url, CUSTOMER_MESSAGE)).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(events).toHaveLength(1);
      expect(logs.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
        expect.stringMatching(
          /^Qontak webhook: the dedupe store's claim failed \(.+\); the event is handed over without deduplication\.$/,
        ),
      ]);
      expect(JSON.stringify(logs)).not.toContain(SECRET);
    },
  );
});
