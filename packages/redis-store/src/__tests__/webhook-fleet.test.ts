import {
  createQontakWebhookHandler,
  qontakWebhookUrl,
  type QontakWebhookEvent,
  type QontakWebhookHandlerOptions,
} from '@qontak/webhooks';
import { qontakWebhookExample } from '@qontak/webhooks/testing';
import { describe, expect, it } from 'vitest';
import { RedisWebhookDedupeStore } from '../redis-webhook-dedupe-store';
import { useRedis } from './support/redis-fixture';

const { connected } = useRedis();

const SECRET = 'fleet-webhook-secret-5c0d2b7e41a9';
const URL_WITH_SECRET = qontakWebhookUrl('https://bot.example.com/qontak/webhook', SECRET);

let messages = 0;

/** A customer's message as Qontak posts it, with an id of its own. */
function customerMessage(): Record<string, unknown> {
  return qontakWebhookExample('receive_message_from_customer', {
    id: `4198c4b2-d39d-45b5-ac9c-${String(++messages).padStart(12, '0')}`,
  });
}

/** One replica: a handler whose store is on its own connection to the shared redis-server. */
interface Replica {
  /** Delivers `payload` as Qontak does; resolves to the answer's status and JSON body. */
  deliver(payload: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  /** The events its `onEvent` was called with (also those it failed). */
  readonly calls: QontakWebhookEvent[];
}

async function replica(
  onEvent: (event: QontakWebhookEvent) => unknown = () => undefined,
  options: Partial<QontakWebhookHandlerOptions> = {},
): Promise<Replica> {
  const calls: QontakWebhookEvent[] = [];
  const handler = createQontakWebhookHandler({
    secret: SECRET,
    dedupe: new RedisWebhookDedupeStore(await connected()),
    ...options,
    onEvent: (event) => {
      calls.push(event);
      return onEvent(event);
    },
  });
  return {
    calls,
    async deliver(payload) {
      const response = await handler(
        new Request(URL_WITH_SECRET, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        }),
      );
      return { status: response.status, body: await response.json() };
    },
  };
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('two webhook handlers (two replicas) sharing a RedisWebhookDedupeStore on one redis-server', () => {
  it('hand an event redelivered to both over once', async () => {
    const [a, b] = [await replica(), await replica()];
    const event = customerMessage();
    const answers = [await a.deliver(event), await b.deliver(event), await a.deliver(event)];
    expect(answers).toEqual([
      { status: 200, body: { status: 'received' } },
      { status: 200, body: { status: 'duplicate' } },
      { status: 200, body: { status: 'duplicate' } },
    ]);
    expect(a.calls.length + b.calls.length).toBe(1);
  });

  it('hand an event delivered 20 times at once, 10 to each, over exactly once', async () => {
    const [a, b] = [await replica(), await replica()];
    const event = customerMessage();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? a : b).deliver(event)),
    );
    expect(a.calls.length + b.calls.length).toBe(1);
    const outcomes = answers.map(({ status, body }) => `${status} ${JSON.stringify(body)}`);
    expect(outcomes.filter((outcome) => outcome === '200 {"status":"received"}')).toHaveLength(1);
    for (const outcome of outcomes) {
      expect([
        '200 {"status":"received"}',
        '200 {"status":"duplicate"}',
        '503 {"error":"in_progress"}',
      ]).toContain(outcome);
    }
    // Once the first is done, every redelivery to either replica is a duplicate.
    expect(await a.deliver(event)).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(await b.deliver(event)).toEqual({ status: 200, body: { status: 'duplicate' } });
  });

  it('answer 503 on both replicas while one of them is in onEvent, then duplicate once it resolved', async () => {
    const entered = gate();
    const release = gate();
    const a = await replica(async () => {
      entered.open();
      await release.opened;
    });
    const b = await replica();
    const event = customerMessage();
    const first = a.deliver(event);
    await entered.opened;
    expect(await Promise.all([a.deliver(event), b.deliver(event), b.deliver(event)])).toEqual(
      Array.from({ length: 3 }, () => ({ status: 503, body: { error: 'in_progress' } })),
    );
    release.open();
    expect(await first).toEqual({ status: 200, body: { status: 'received' } });
    expect(await b.deliver(event)).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect([a.calls.length, b.calls.length]).toEqual([1, 0]);
  });

  it('hand the redelivery of an event whose onEvent failed on one replica over on the other, once', async () => {
    const a = await replica(() => {
      throw new Error('the database is down');
    });
    const b = await replica();
    const event = customerMessage();
    expect(await a.deliver(event)).toEqual({ status: 500, body: { error: 'internal_error' } });
    expect(await b.deliver(event)).toEqual({ status: 200, body: { status: 'received' } });
    expect(await a.deliver(event)).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(await b.deliver(event)).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
  });

  it("a replica whose onEvent outlives its claim and then fails does not free the other replica's claim", async () => {
    const failA = gate();
    const enteredB = gate();
    const finishB = gate();
    const a = await replica(
      async () => {
        await failA.opened;
        throw new Error('timed out calling the LLM');
      },
      { claimTtlMs: 1_000 },
    );
    const b = await replica(async () => {
      enteredB.open();
      await finishB.opened;
    });
    const event = customerMessage();
    const first = a.deliver(event);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    // A's claim ran out: the redelivery is handed over on B, which holds it while A is still in onEvent.
    const second = b.deliver(event);
    await enteredB.opened;
    failA.open();
    expect(await first).toEqual({ status: 500, body: { error: 'internal_error' } });

    // A's release came after its claim ran out: B's claim stands, so a third delivery waits for B.
    expect(await a.deliver(event)).toEqual({ status: 503, body: { error: 'in_progress' } });
    finishB.open();
    expect(await second).toEqual({ status: 200, body: { status: 'received' } });
    expect(await a.deliver(event)).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
  });
});
