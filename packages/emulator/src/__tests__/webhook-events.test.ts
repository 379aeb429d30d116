import { describe, expect, it } from 'vitest';
import { DEMO_CHANNEL_INTEGRATION_ID, DEMO_ORGANIZATION_ID } from '../index';
import type { EmulatorOptions, QontakEmulator } from '../index';
import type { Envelope, LogEntryData } from './api-helpers';
import { callApi, directBroadcast, jsonOf } from './api-helpers';
import { useEmulator } from './helpers';
import { registerMessages, registerRooms, startReceiver } from './webhook-receiver';

/** Statuses 30 ms apart, so that a test sees all three. */
const QUICK_STATUSES: EmulatorOptions = { messageStatusAfterMs: { sent: 30, delivered: 60, read: 90 } };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function botMessage(emulator: QontakEmulator, roomId: string, text: string): Promise<Response> {
  const form = new FormData();
  form.append('room_id', roomId);
  form.append('text', text);
  return callApi(emulator, 'hmac', '/v1/messages/whatsapp/bot', { form });
}

describe("the bot's messages", () => {
  const start = useEmulator();

  it("are kept in the customer's room and delivered as receive_message_from_agent, then sent, delivered, read", async () => {
    const emulator = await start(QUICK_STATUSES);
    const receiver = await startReceiver();
    await registerMessages(emulator, receiver.url, {
      receive_message_from_customer: true,
      receive_message_from_agent: true,
      status_message: true,
    });
    const { roomId, delivery } = emulator.receiveCustomerMessage({
      from: '6281234567890',
      name: 'Rina',
      text: 'Halo',
    });
    await delivery;

    const res = await botMessage(emulator, roomId, 'Hi Rina, how can we help?');
    expect(res.status).toBe(201);
    const { data } = await jsonOf<Envelope<{ id: string }>>(res);
    await receiver.received(5);

    const [agent] = receiver.events('receive_message_from_agent');
    expect(agent).toMatchObject({
      id: data.id,
      type: 'text',
      room_id: roomId,
      is_campaign: false,
      sender_type: 'Models::SystemAccount',
      sender: { name: 'Demo Store' },
      participant_type: 'bot',
      organization_id: DEMO_ORGANIZATION_ID,
      text: 'Hi Rina, how can we help?',
      status: 'created',
      external_id: null,
      room: { id: roomId, name: 'Rina', status: 'unassigned' },
      webhook_event: 'message_interaction',
    });
    const statuses = receiver.events('status_message');
    expect(statuses.map((event) => [event['id'], event['status']])).toEqual([
      [data.id, 'sent'],
      [data.id, 'delivered'],
      [data.id, 'read'],
    ]);
    expect(statuses[0]?.['external_id']).toMatch(/^wamid\./);
    expect(receiver.posts.map((post) => post.body['data_event'])).toEqual([
      'receive_message_from_customer',
      'receive_message_from_agent',
      'status_message',
      'status_message',
      'status_message',
    ]);
  });

  it('are delivered nowhere when the room is not one the emulator keeps, or the flags are off', async () => {
    const emulator = await start(QUICK_STATUSES);
    const receiver = await startReceiver();
    await registerMessages(emulator, receiver.url, { receive_message_from_customer: true });
    const { roomId, delivery } = emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Halo' });
    await delivery;

    expect((await botMessage(emulator, roomId, 'flags off')).status).toBe(201);
    expect((await botMessage(emulator, 'room-nobody-opened', 'unknown room')).status).toBe(201);
    await registerMessages(emulator, receiver.url, {
      receive_message_from_agent: true,
      status_message: true,
    });
    expect((await botMessage(emulator, 'room-nobody-opened', 'unknown room')).status).toBe(201);
    await sleep(200);

    expect(receiver.posts.map((post) => post.body['data_event'])).toEqual(['receive_message_from_customer']);
    expect(emulator.botMessages()).toHaveLength(3);
  });
});

describe("a direct broadcast's statuses", () => {
  const start = useEmulator();

  it('arrive in order, sent, delivered, read, as status_message and broadcast_log_status, and the log follows', async () => {
    const emulator = await start(QUICK_STATUSES);
    const receiver = await startReceiver();
    await registerMessages(emulator, receiver.url, { status_message: true, broadcast_log_status: true });

    const res = await callApi(emulator, 'bearer', '/v1/broadcasts/whatsapp/direct', {
      json: directBroadcast(),
    });
    expect(res.status).toBe(201);
    const broadcastId = (await jsonOf<Envelope<{ id: string }>>(res)).data.id;
    await receiver.received(6);

    const messages = receiver.events('status_message');
    expect(messages.map((event) => event['status'])).toEqual(['sent', 'delivered', 'read']);
    expect(new Set(messages.map((event) => event['id'])).size).toBe(1);
    expect(messages[0]).toMatchObject({
      is_campaign: true,
      participant_type: 'bot',
      text: 'Hi Rina, your order INV-1001 has shipped.',
      room: {
        name: 'Rina',
        status: 'campaign',
        account_uniq_id: '6281234567890',
        channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
        session: 'expired',
      },
    });
    const logs = receiver.events('broadcast_log_status');
    expect(logs.map((event) => event['status'])).toEqual(['sent', 'delivered', 'read']);
    expect(logs[2]).toMatchObject({
      webhook_event: 'message_interaction',
      messages_broadcast_id: broadcastId,
      contact_phone_number: '6281234567890',
      contact_full_name: 'Rina',
      whatsapp_message_id: messages[0]?.['external_id'],
    });

    const log = await callApi(emulator, 'bearer', `/v1/broadcasts/${broadcastId}/whatsapp/log`);
    const [entry] = (await jsonOf<Envelope<LogEntryData[]>>(log)).data;
    expect(entry).toMatchObject({ status: 'read', whatsapp_message_id: logs[2]?.['whatsapp_message_id'] });
  });

  it('wait each for the one before it to be answered, however close their timings', async () => {
    const emulator = await start({ messageStatusAfterMs: { sent: 0, delivered: 0, read: 0 } });
    const receiver = await startReceiver((index) => (index === 0 ? sleep(150).then(() => 200) : 200));
    await registerMessages(emulator, receiver.url, { status_message: true });

    await callApi(emulator, 'bearer', '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() });
    const [sent, delivered, read] = await receiver.received(3);

    expect([sent, delivered, read].map((post) => post?.body['status'])).toEqual([
      'sent',
      'delivered',
      'read',
    ]);
    expect(delivered!.at - sent!.at).toBeGreaterThanOrEqual(148);
  });

  it("go into the customer's room, which a reply opens", async () => {
    const emulator = await start(QUICK_STATUSES);
    const receiver = await startReceiver();
    await registerMessages(emulator, receiver.url, {
      receive_message_from_customer: true,
      status_message: true,
    });

    await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() });
    await receiver.received(3);
    const reply = emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Thanks!' });
    await reply.delivery;

    expect(reply.roomId).toBe((receiver.events('status_message')[0]?.['room'] as { id: string }).id);
    expect(receiver.events('receive_message_from_customer')[0]).toMatchObject({
      room: { status: 'unassigned', name: 'Rina', session: 'open', unread_count: 1 },
    });
  });

  it('are sent only while a status flag is on', async () => {
    const emulator = await start(QUICK_STATUSES);
    const receiver = await startReceiver();
    await registerMessages(emulator, receiver.url, { receive_message_from_customer: true });

    await callApi(emulator, 'bearer', '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() });
    await sleep(200);
    expect(receiver.posts).toHaveLength(0);

    await registerMessages(emulator, receiver.url, { broadcast_log_status: true });
    await callApi(emulator, 'bearer', '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() });
    await receiver.received(3);
    await sleep(100);
    expect(receiver.posts.map((post) => post.body['data_event'])).toEqual(
      Array(3).fill('broadcast_log_status'),
    );
  });
});

describe('resolving a room', () => {
  const start = useEmulator();

  it('delivers room_resolved to the room webhook; a new customer message opens the room again', async () => {
    const emulator = await start();
    const messages = await startReceiver();
    const rooms = await startReceiver();
    await registerMessages(emulator, messages.url, { receive_message_from_customer: true });
    await registerRooms(emulator, rooms.url);
    const { roomId, delivery } = emulator.receiveCustomerMessage({
      from: '6281234567890',
      name: 'Rina',
      text: 'Halo',
    });
    await delivery;

    const outcome = await emulator.resolveRoom(roomId).delivery;

    expect(outcome).toMatchObject({
      result: 'delivered',
      attempts: [{ event: 'room_resolved', status: 200 }],
    });
    const [resolved] = await rooms.received(1);
    expect(resolved?.body).toMatchObject({
      id: roomId,
      name: 'Rina',
      status: 'resolved',
      resolved_at: expect.any(String),
      account_uniq_id: '6281234567890',
      webhook_event: 'room_interaction',
      data_event: 'room_resolved',
    });
    expect(() => emulator.resolveRoom(roomId)).toThrow(/is already resolved/);
    expect(() => emulator.resolveRoom('no-such-room')).toThrow(RangeError);

    const again = emulator.receiveCustomerMessage({ from: '6281234567890', text: 'One more thing' });
    await again.delivery;
    expect(again.roomId).toBe(roomId);
    expect(messages.events('receive_message_from_customer')[1]).toMatchObject({
      room: { status: 'unassigned', resolved_at: null },
    });
    await registerRooms(emulator, rooms.url, false);
    await expect(emulator.resolveRoom(roomId).delivery).resolves.toMatchObject({ result: 'skipped' });
    expect(rooms.posts).toHaveLength(1);
  });
});
