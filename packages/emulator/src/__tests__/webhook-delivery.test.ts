import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_ORGANIZATION_ID,
  DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
} from '../index';
import type { EmulatorOptions } from '../index';
import { useEmulator } from './helpers';
import { registerMessages, startReceiver } from './webhook-receiver';

/** Deliveries fast enough for tests: three attempts, 40 ms then 80 ms apart. */
const FAST: EmulatorOptions = { webhookDelivery: { maxAttempts: 3, retryDelayMs: 40, timeoutMs: 1_000 } };

const CUSTOMER = { receive_message_from_customer: true };

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhook delivery of a customer message', () => {
  const start = useEmulator();

  it("POSTs receive_message_from_customer as JSON in Qontak's shape, with the customer's room", async () => {
    const emulator = await start();
    const receiver = await startReceiver();
    await registerMessages(emulator, receiver.url, CUSTOMER);

    const inbound = emulator.receiveCustomerMessage({ from: '+6281234567890', name: 'Rina', text: 'Halo' });
    const outcome = await inbound.delivery;

    expect(outcome).toMatchObject({ result: 'delivered', attempts: [{ attempt: 1, status: 200 }] });
    const [post] = await receiver.received(1);
    expect(post?.path).toBe('/hooks/qontak');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(post?.body).toEqual({
      id: inbound.messageId,
      type: 'text',
      room_id: inbound.roomId,
      is_campaign: false,
      sender_id: expect.any(String),
      sender_type: 'Models::Contact',
      sender: { name: 'Rina', avatar: null },
      participant_id: expect.any(String),
      participant_type: 'customer',
      organization_id: DEMO_ORGANIZATION_ID,
      text: 'Halo',
      status: 'created',
      external_id: expect.stringMatching(/^wamid\./),
      local_id: null,
      created_at: expect.any(String),
      reply: null,
      file: null,
      room: expect.objectContaining({
        id: inbound.roomId,
        name: 'Rina',
        status: 'unassigned',
        type: 'Models::CustomerServiceRoom',
        channel: 'wa_cloud',
        channel_account: 'Demo Store',
        organization_id: DEMO_ORGANIZATION_ID,
        account_uniq_id: '6281234567890',
        channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
        session: 'open',
        unread_count: 1,
        resolved_at: null,
      }),
      webhook_event: 'message_interaction',
      data_event: 'receive_message_from_customer',
    });
  });

  it("keeps one room per customer and channel integration, the customer's contact id their broadcasts' too", async () => {
    const emulator = await start();
    const receiver = await startReceiver();
    await registerMessages(emulator, receiver.url, CUSTOMER);

    const first = emulator.receiveCustomerMessage({ from: '6281234567890', name: 'Rina', text: 'one' });
    const again = emulator.receiveCustomerMessage({ from: '+6281234567890', text: 'two' });
    const elsewhere = emulator.receiveCustomerMessage({
      from: '6281234567890',
      text: 'three',
      channelIntegrationId: DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
    });
    const other = emulator.receiveCustomerMessage({ from: '6289900000000', text: 'four' });
    await Promise.all([first, again, elsewhere, other].map((inbound) => inbound.delivery));

    expect(again.roomId).toBe(first.roomId);
    expect(new Set([first.roomId, elsewhere.roomId, other.roomId]).size).toBe(3);
    expect(new Set([first.messageId, again.messageId]).size).toBe(2);
    const byText = (text: string) => receiver.posts.find((post) => post.body['text'] === text)?.body;
    expect(byText('two')).toMatchObject({ room: { name: 'Rina', unread_count: 2 } });
    expect(byText('three')).toMatchObject({
      room: { channel_integration_id: DEMO_SUPPORT_CHANNEL_INTEGRATION_ID },
    });
    expect(byText('four')).toMatchObject({
      sender: { name: '6289900000000' },
      room: { name: '6289900000000' },
    });
    expect(byText('one')?.['sender_id']).toBe(byText('three')?.['sender_id']);
    expect(byText('one')?.['sender_id']).not.toBe(byText('four')?.['sender_id']);
  });

  it('sends nothing before a registration or with the flag off, and follows the last PUT', async () => {
    const emulator = await start();
    const first = await startReceiver();
    const second = await startReceiver();

    await expect(
      emulator.receiveCustomerMessage({ from: '6281234567890', text: 'a' }).delivery,
    ).resolves.toEqual({
      result: 'skipped',
      attempts: [],
    });
    await registerMessages(emulator, first.url, { receive_message_from_agent: true, status_message: true });
    await expect(
      emulator.receiveCustomerMessage({ from: '6281234567890', text: 'b' }).delivery,
    ).resolves.toMatchObject({ result: 'skipped' });
    await registerMessages(emulator, first.url, CUSTOMER);
    await emulator.receiveCustomerMessage({ from: '6281234567890', text: 'c' }).delivery;
    await registerMessages(emulator, second.url, CUSTOMER);
    await emulator.receiveCustomerMessage({ from: '6281234567890', text: 'd' }).delivery;

    expect(first.posts.map((post) => post.body['text'])).toEqual(['c']);
    expect(second.posts.map((post) => post.body['text'])).toEqual(['d']);
    expect(emulator.webhookDeliveries()).toHaveLength(2);
  });

  it('refuses a message that is not one, naming what is wrong', async () => {
    const emulator = await start();
    const bad: [unknown, ErrorConstructor, RegExp][] = [
      [null, TypeError, /the customer message must be an object/],
      [{ from: 6281234567890, text: 'x' }, TypeError, /from must be a string/],
      [{ from: '62-812', text: 'x' }, RangeError, /from must be a phone number/],
      [{ from: '6281234567890' }, TypeError, /text must be a string/],
      [{ from: '6281234567890', text: '  ' }, RangeError, /text must have 1 to 4096 characters/],
      [{ from: '6281234567890', text: 'x'.repeat(4097) }, RangeError, /text must have 1 to 4096/],
      [{ from: '6281234567890', text: 'x', name: '' }, RangeError, /name must have 1 to 256/],
      [{ from: '6281234567890', text: 'x', channelIntegrationId: 'nope' }, RangeError, /nope is no WhatsApp/],
    ];
    for (const [message, type, pattern] of bad) {
      expect(() => emulator.receiveCustomerMessage(message as never)).toThrow(type);
      expect(() => emulator.receiveCustomerMessage(message as never)).toThrow(pattern);
    }
  });
});

describe('webhook delivery when the receiver fails', () => {
  const start = useEmulator();

  it('retries a failing receiver with doubling waits, then gives up after maxAttempts', async () => {
    const emulator = await start({ webhookDelivery: { maxAttempts: 4, retryDelayMs: 40, timeoutMs: 1_000 } });
    const receiver = await startReceiver(() => 503);
    await registerMessages(emulator, receiver.url, CUSTOMER);

    const outcome = await emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Halo' }).delivery;

    expect(receiver.posts).toHaveLength(4);
    const gaps = receiver.posts.slice(1).map((post, i) => post.at - receiver.posts[i]!.at);
    [40, 80, 160].forEach((delay, i) => expect(gaps[i]).toBeGreaterThanOrEqual(delay - 2));
    expect(outcome.result).toBe('given_up');
    expect(
      outcome.attempts.map(({ attempt, status, error, result, retryInMs }) => ({
        attempt,
        status,
        error,
        result,
        retryInMs,
      })),
    ).toEqual([
      { attempt: 1, status: 503, error: null, result: 'retry', retryInMs: 40 },
      { attempt: 2, status: 503, error: null, result: 'retry', retryInMs: 80 },
      { attempt: 3, status: 503, error: null, result: 'retry', retryInMs: 160 },
      { attempt: 4, status: 503, error: null, result: 'given_up', retryInMs: undefined },
    ]);
    expect(new Set(outcome.attempts.map((attempt) => attempt.deliveryId)).size).toBe(1);
    expect(emulator.webhookDeliveries()).toEqual(outcome.attempts);
    await sleep(200);
    expect(receiver.posts).toHaveLength(4);
  });

  it('retries after a timeout and an error status, and stops once delivered', async () => {
    const emulator = await start({ webhookDelivery: { maxAttempts: 5, retryDelayMs: 10, timeoutMs: 150 } });
    const receiver = await startReceiver((index) => (['hang', 500, 200] as const)[index] ?? 200);
    await registerMessages(emulator, receiver.url, CUSTOMER);

    const outcome = await emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Halo' }).delivery;

    expect(outcome.result).toBe('delivered');
    expect(outcome.attempts.map(({ status, error, result }) => [status, error, result])).toEqual([
      [null, 'timeout', 'retry'],
      [500, null, 'retry'],
      [200, null, 'delivered'],
    ]);
    expect(outcome.attempts[0]!.durationMs).toBeGreaterThanOrEqual(140);
    expect(receiver.posts).toHaveLength(3);
  });

  it('counts a refused connection as a failed attempt', async () => {
    const emulator = await start(FAST);
    await registerMessages(emulator, `http://127.0.0.1:${await closedPort()}/hook`, CUSTOMER);

    const outcome = await emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Halo' }).delivery;

    expect(outcome.result).toBe('given_up');
    expect(outcome.attempts.map(({ status, error }) => [status, error])).toEqual([
      [null, 'refused'],
      [null, 'refused'],
      [null, 'refused'],
    ]);
  });

  it('lists each attempt with the URL without its query or user info', async () => {
    const emulator = await start(FAST);
    const receiver = await startReceiver(() => 401);
    const secret = 'Hx4Wq9Nc2Lz7Rv5Bt8Kp3Ms6Dj1Fy0Ge';
    const registered = new URL(receiver.url);
    registered.username = 'hook';
    registered.password = 'Pw-9f8e7d6c5b4a';
    registered.search = `?qontak_secret=${secret}&api_key=K-1a2b3c4d5e6f`;
    await registerMessages(emulator, registered.href, CUSTOMER);

    await emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Halo' }).delivery;

    expect(receiver.posts[0]?.path).toBe(`/hooks/qontak?qontak_secret=${secret}&api_key=K-1a2b3c4d5e6f`);
    const deliveries = emulator.webhookDeliveries();
    expect(deliveries.map((delivery) => [delivery.url, delivery.status])).toEqual([
      [`${receiver.url}?[redacted]`, 401],
      [`${receiver.url}?[redacted]`, 401],
      [`${receiver.url}?[redacted]`, 401],
    ]);
    const listed = JSON.stringify(deliveries);
    for (const sensitive of [secret, 'K-1a2b3c4d5e6f', 'Pw-9f8e7d6c5b4a', 'hook@']) {
      expect(listed).not.toContain(sensitive);
    }
  });
});

describe('webhook delivery bounds', () => {
  const start = useEmulator();

  it('keeps at most `concurrency` attempts in flight, the others waiting their turn', async () => {
    const emulator = await start({ webhookDelivery: { concurrency: 2, maxAttempts: 1, timeoutMs: 300 } });
    const receiver = await startReceiver(() => 'hang');
    await registerMessages(emulator, receiver.url, CUSTOMER);

    const outcomes = await Promise.all(
      Array.from(
        { length: 5 },
        (_, i) => emulator.receiveCustomerMessage({ from: '6281234567890', text: `m${i}` }).delivery,
      ),
    );

    expect(receiver.posts).toHaveLength(5);
    expect(receiver.maxInFlight).toBe(2);
    expect(outcomes.map((outcome) => outcome.attempts[0]?.error)).toEqual(Array(5).fill('timeout'));
  });

  it('drops an event past maxQueued, and a body past maxBodyBytes, without sending it', async () => {
    const emulator = await start({
      webhookDelivery: { maxQueued: 2, maxBodyBytes: 4_000, timeoutMs: 2_000 },
    });
    const receiver = await startReceiver(() => 'hang');
    await registerMessages(emulator, receiver.url, CUSTOMER);

    const waiting = [1, 2].map((i) =>
      emulator.receiveCustomerMessage({ from: '6281234567890', text: `m${i}` }),
    );
    const third = await emulator.receiveCustomerMessage({ from: '6281234567890', text: 'm3' }).delivery;
    expect(third).toMatchObject({ result: 'dropped', attempts: [{ error: 'queue_full', status: null }] });

    await emulator.close();
    await Promise.all(waiting.map((inbound) => inbound.delivery));
    const big = await start({ webhookDelivery: { maxBodyBytes: 4_000 } });
    const other = await startReceiver();
    await registerMessages(big, other.url, CUSTOMER);
    const outcome = await big.receiveCustomerMessage({ from: '6281234567890', text: 'x'.repeat(4_000) })
      .delivery;
    expect(outcome).toMatchObject({ result: 'dropped', attempts: [{ error: 'body_too_large' }] });
    await sleep(50);
    expect(other.posts).toHaveLength(0);
  });
});

describe('webhook delivery on close() and reset()', () => {
  const start = useEmulator();

  it('close() ends an attempt in flight and every pending retry: nothing is POSTed after it', async () => {
    const emulator = await start({
      webhookDelivery: { maxAttempts: 5, retryDelayMs: 100, timeoutMs: 5_000 },
    });
    const failing = await startReceiver(() => 500);
    const hanging = await startReceiver(() => 'hang');
    await registerMessages(emulator, failing.url, CUSTOMER);
    const retrying = emulator.receiveCustomerMessage({ from: '6281234567890', text: 'retry' });
    await failing.received(1);
    await registerMessages(emulator, hanging.url, CUSTOMER);
    const inFlight = emulator.receiveCustomerMessage({ from: '6281234567890', text: 'hang' });
    await hanging.received(1);

    const closedAt = performance.now();
    await emulator.close();
    const outcomes = await Promise.all([retrying.delivery, inFlight.delivery]);
    expect(performance.now() - closedAt).toBeLessThan(1_000);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['cancelled', 'cancelled']);
    const late = emulator.receiveCustomerMessage({ from: '6281234567890', text: 'late' });
    await expect(late.delivery).resolves.toEqual({ result: 'cancelled', attempts: [] });

    await sleep(400);
    expect(failing.posts).toHaveLength(1);
    expect(hanging.posts).toHaveLength(1);
  });

  it('close() leaves no timer: a process exits at once though its retries, attempts, statuses and a scheduled broadcast were a minute away', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/__tests__/fixtures/close-with-deliveries-under-way.ts'],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let closedAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('closed')) closedAt = performance.now();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(closedAt).toBeGreaterThan(0);
    expect(performance.now() - closedAt).toBeLessThan(3_000);
  });

  it('reset() cancels the deliveries under way and forgets every attempt', async () => {
    const emulator = await start({ webhookDelivery: { maxAttempts: 5, retryDelayMs: 100 } });
    const receiver = await startReceiver(() => 500);
    await registerMessages(emulator, receiver.url, CUSTOMER);
    const inbound = emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Halo' });
    await receiver.received(1);

    emulator.reset();

    await expect(inbound.delivery).resolves.toMatchObject({ result: 'cancelled' });
    expect(emulator.webhookDeliveries()).toEqual([]);
    await sleep(250);
    expect(receiver.posts).toHaveLength(1);
  });
});
