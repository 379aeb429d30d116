// The emulator of @qontak/emulator delivering its webhooks to a real handler on a loopback server,
// registered through its PUT endpoints with registerQontakWebhooks and the typed client, under each
// credential.
import { toFormData } from '@qontak/client';
import {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_PLAIN_TEMPLATE_ID,
  type EmulatorOptions,
  type QontakEmulator,
} from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import type { QontakWebhookEvent } from '../qontak-webhook-event';
import { registerQontakWebhooks } from '../register-qontak-webhooks';
import { qontakWebhookUrl } from '../webhook-secret';
import { clientOn, SCHEMES } from './support/emulator-clients';
import { startHandler, type HandlerFixture } from './support/handler-fixture';

/** Statuses 30 ms apart, retries 20 ms then 40 ms apart: what a test waits for arrives at once. */
const QUICK: EmulatorOptions = {
  messageStatusAfterMs: { sent: 30, delivered: 60, read: 90 },
  webhookDelivery: { maxAttempts: 3, retryDelayMs: 20, timeoutMs: 2_000 },
};

/** Resolves once `done()` (within 5 s, else rejects with `what`). */
async function until(done: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(what());
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves once `handler` handed over `count` events. */
async function handedOver(handler: HandlerFixture, count: number): Promise<QontakWebhookEvent[]> {
  await until(
    () => handler.events.length >= count,
    () => `${handler.events.length} events handed over, not ${count}`,
  );
  return handler.events.slice(0, count);
}

/** Resolves once the emulator listed `count` delivery attempts (it lists one once the answer is in). */
async function attempted(emulator: QontakEmulator, count: number): Promise<void> {
  await until(
    () => emulator.webhookDeliveries().length >= count,
    () => `${emulator.webhookDeliveries().length} attempts listed, not ${count}`,
  );
}

describe.each(SCHEMES)(
  'the emulator delivers to a @qontak/webhooks handler registered with a %s',
  (_name, scheme) => {
    it('a customer message arrives typed, the bot answers in its room, and the agent event and its statuses follow', async () => {
      const { emulator, client } = await clientOn(scheme, QUICK);
      const handler = await startHandler();
      await registerQontakWebhooks(client, { url: handler.url });

      const inbound = emulator.receiveCustomerMessage({
        from: '6281234567890',
        name: 'Rina',
        text: 'Is my order shipped?',
      });
      await expect(inbound.delivery).resolves.toMatchObject({
        result: 'delivered',
        attempts: [{ status: 200 }],
      });
      const [received] = await handedOver(handler, 1);
      if (received?.data_event !== 'receive_message_from_customer') throw new Error('not a customer message');
      const roomId: string = received.room_id;
      const text: string | null | undefined = received.text;
      expect({ roomId, text, name: received.sender?.name }).toEqual({
        roomId: inbound.roomId,
        text: 'Is my order shipped?',
        name: 'Rina',
      });
      expect(received.room).toMatchObject({
        id: inbound.roomId,
        status: 'unassigned',
        account_uniq_id: '6281234567890',
      });

      const answer = await client.POST('/v1/messages/whatsapp/bot', {
        body: { room_id: roomId, type: 'text', text: 'Yes, it is on its way.' },
        bodySerializer: toFormData,
      });
      expect(answer.response.status).toBe(201);
      const events = await handedOver(handler, 5);
      expect(events.map((event) => [event.data_event, event.status])).toEqual([
        ['receive_message_from_customer', 'created'],
        ['receive_message_from_agent', 'created'],
        ['status_message', 'sent'],
        ['status_message', 'delivered'],
        ['status_message', 'read'],
      ]);
      const agent = events[1];
      if (agent?.data_event !== 'receive_message_from_agent') throw new Error('not an agent message');
      expect(agent).toMatchObject({
        id: answer.data?.data.id,
        room_id: roomId,
        text: 'Yes, it is on its way.',
      });
      await attempted(emulator, 5);
      expect(emulator.webhookDeliveries().map((delivery) => delivery.status)).toEqual([
        200, 200, 200, 200, 200,
      ]);
    });

    it("a direct broadcast's statuses arrive in order, as message and broadcast log events", async () => {
      const { emulator, client } = await clientOn(scheme, QUICK);
      const handler = await startHandler();
      await registerQontakWebhooks(client, { url: handler.url, messages: false, rooms: false });

      const sent = await client.POST('/v1/broadcasts/whatsapp/direct', {
        body: {
          to_number: '6281234567890',
          to_name: 'Rina',
          message_template_id: DEMO_PLAIN_TEMPLATE_ID,
          channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
          language: { code: 'en' },
        },
      });
      const broadcastId = sent.data?.data.id;
      const events = await handedOver(handler, 6);

      const statusesOf = (name: string) =>
        events.filter((event) => event.data_event === name).map((event) => event.status);
      expect(statusesOf('status_message')).toEqual(['sent', 'delivered', 'read']);
      expect(statusesOf('broadcast_log_status')).toEqual(['sent', 'delivered', 'read']);
      for (const event of events) {
        if (event.data_event === 'broadcast_log_status')
          expect(event.messages_broadcast_id).toBe(broadcastId);
        if (event.data_event === 'status_message') expect(event.is_campaign).toBe(true);
      }
      await attempted(emulator, 6);
      expect(emulator.webhookDeliveries().map((delivery) => delivery.result)).toEqual(
        Array(6).fill('delivered'),
      );
    });

    it('a resolved room arrives as room_resolved', async () => {
      const { emulator, client } = await clientOn(scheme, QUICK);
      const handler = await startHandler();
      await registerQontakWebhooks(client, { url: handler.url, messages: false, statuses: false });
      const { roomId } = emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Thanks, bye' });

      await expect(emulator.resolveRoom(roomId).delivery).resolves.toMatchObject({ result: 'delivered' });

      const [resolved] = await handedOver(handler, 1);
      if (resolved?.data_event !== 'room_resolved') throw new Error('not a room event');
      expect(resolved).toMatchObject({ id: roomId, status: 'resolved', resolved_at: expect.any(String) });
    });
  },
);

describe('the emulator delivering to a @qontak/webhooks handler that refuses', () => {
  const [, accessToken] = SCHEMES[1]!;

  it('retries a handler whose onEvent fails, with backoff, then gives up; the handler took the event each time', async () => {
    const { emulator, client } = await clientOn(accessToken, QUICK);
    const handler = await startHandler({
      onEvent: () => {
        throw new Error('the bot is down');
      },
    });
    await registerQontakWebhooks(client, { url: handler.url });

    const outcome = await emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Halo' }).delivery;

    expect(outcome.result).toBe('given_up');
    expect(
      outcome.attempts.map(({ attempt, status, result, retryInMs }) => [attempt, status, result, retryInMs]),
    ).toEqual([
      [1, 500, 'retry', 20],
      [2, 500, 'retry', 40],
      [3, 500, 'given_up', undefined],
    ]);
    expect(handler.events).toHaveLength(3);
    expect(handler.server.served).toHaveLength(3);
  });

  it('a wrong secret in the registered URL gets 401, listed without the secret', async () => {
    const { emulator, client } = await clientOn(accessToken, QUICK);
    const handler = await startHandler();
    const wrongSecret = 'Wr0ngSecretWr0ngSecretWr0ngSecret';
    const wrongUrl = qontakWebhookUrl(new URL(handler.url).origin + '/qontak/webhook', wrongSecret);
    await registerQontakWebhooks(client, { url: wrongUrl });

    const outcome = await emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Halo' }).delivery;

    expect(outcome.result).toBe('given_up');
    expect(handler.events).toHaveLength(0);
    const deliveries = emulator.webhookDeliveries();
    expect(deliveries.map((delivery) => [delivery.status, delivery.url])).toEqual(
      Array(3).fill([401, `${new URL(handler.url).origin}/qontak/webhook?[redacted]`]),
    );
    expect(JSON.stringify(deliveries)).not.toContain(wrongSecret);
  });

  it('stops delivering at close(): a pending retry is never sent', async () => {
    const { emulator, client } = await clientOn(accessToken, {
      webhookDelivery: { maxAttempts: 5, retryDelayMs: 150 },
    });
    const handler = await startHandler({
      onEvent: () => {
        throw new Error('the bot is down');
      },
    });
    await registerQontakWebhooks(client, { url: handler.url });
    const inbound = emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Halo' });
    await attempted(emulator, 1);

    await emulator.close();

    await expect(inbound.delivery).resolves.toMatchObject({ result: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(handler.server.served).toHaveLength(1);
    expect(emulator.webhookDeliveries()).toHaveLength(1);
  });
});
