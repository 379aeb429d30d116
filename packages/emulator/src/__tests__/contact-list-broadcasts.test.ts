import { describe, expect, it } from 'vitest';
import {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_IMAGE_TEMPLATE_ID,
  DEMO_TEMPLATE_ID,
  DEMO_WA_CHANNEL_INTEGRATION_ID,
} from '../index';
import type { EmulatorOptions, QontakEmulator } from '../index';
import {
  callApi,
  contactListForm,
  CREDENTIAL_KINDS,
  directBroadcast,
  errorEnvelope,
  jsonOf,
} from './api-helpers';
import type { BroadcastData, Envelope, LogEntryData } from './api-helpers';
import { useEmulator } from './helpers';
import { registerMessages, startReceiver } from './webhook-receiver';

const CONTACTS_CSV = 'phone_number,full_name,order\n6281234567890,Rina,INV-1\n6281234567891,,INV-2\n';

/** Uploads a contact list of `csv` and answers its id (with `contactListProcessingMs: 0`, ready at once). */
async function uploadList(emulator: QontakEmulator, csv = CONTACTS_CSV): Promise<string> {
  const form = contactListForm(csv);
  const res = await callApi(emulator, 'access-token', '/v1/contacts/contact_lists/async', { form });
  return (await jsonOf<Envelope<{ id: string }>>(res)).data.id;
}

/** A broadcast of the order_shipped template to list `id`; `{{2}}` takes each contact's `order` cell. */
function listBroadcast(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'December promo',
    contact_list_id: id,
    message_template_id: DEMO_TEMPLATE_ID,
    channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
    language: { code: 'en' },
    parameters: {
      body: [
        { key: '1', value: 'full_name', value_text: 'Customer' },
        { key: '2', value: 'order', value_text: 'your order' },
      ],
    },
    execute_type: 'immediately',
    ...overrides,
  };
}

const READY: EmulatorOptions = { contactListProcessingMs: 0 };

interface ListBroadcastData extends Omit<BroadcastData, 'contact_list_id'> {
  contact_list_id: string;
  execute_type: string;
  send_at: string | null;
}

describe.each(CREDENTIAL_KINDS)('broadcasts to a contact list with a %s credential', (kind) => {
  const start = useEmulator();

  it('log one entry per contact, whose statuses move on the clock, and the broadcast counts them', async () => {
    let now = Date.now();
    const emulator = await start({ ...READY, clock: () => now });
    const listId = await uploadList(emulator);
    const res = await callApi(emulator, kind, '/v1/broadcasts/whatsapp', { json: listBroadcast(listId) });
    expect(res.status).toBe(201);
    const broadcast = (await jsonOf<Envelope<ListBroadcastData>>(res)).data;
    expect(broadcast).toMatchObject({
      name: 'December promo',
      contact_list_id: listId,
      execute_type: 'immediately',
      send_at: null,
      message_status_count: { pending: 2, sent: 0, delivered: 0, read: 0, failed: 0 },
      message_template: { id: DEMO_TEMPLATE_ID },
    });

    const log = async () => {
      const answer = await callApi(emulator, kind, `/v1/broadcasts/${broadcast.id}/whatsapp/log`);
      return (await jsonOf<Envelope<LogEntryData[]>>(answer)).data;
    };
    const pending = await log();
    expect(pending).toEqual([
      expect.objectContaining({
        messages_broadcast_id: broadcast.id,
        contact_phone_number: '6281234567890',
        contact_full_name: 'Rina',
        status: 'pending',
        whatsapp_message_id: null,
      }),
      expect.objectContaining({ contact_phone_number: '6281234567891', contact_full_name: '6281234567891' }),
    ]);
    now += 3_000;
    const delivered = await log();
    expect(delivered.map((entry) => entry.status)).toEqual(['delivered', 'delivered']);
    expect(new Set(delivered.map((entry) => entry.whatsapp_message_id)).size).toBe(2);

    const detail = await callApi(emulator, kind, `/v1/broadcasts/${broadcast.id}/whatsapp`);
    expect((await jsonOf<Envelope<ListBroadcastData>>(detail)).data).toMatchObject({
      id: broadcast.id,
      message_status_count: { pending: 0, delivered: 2 },
    });
  });

  it('scheduled at send_at: pending until then, then sent', async () => {
    let now = Date.now();
    const emulator = await start({ ...READY, clock: () => now });
    const listId = await uploadList(emulator);
    const sendAt = new Date(now + 60_000).toISOString();
    const res = await callApi(emulator, kind, '/v1/broadcasts/whatsapp', {
      json: listBroadcast(listId, { execute_type: 'specific', send_at: sendAt }),
    });
    expect(res.status).toBe(201);
    const broadcast = (await jsonOf<Envelope<ListBroadcastData>>(res)).data;
    expect(broadcast).toMatchObject({ execute_type: 'specific', send_at: sendAt });
    const statuses = async () => {
      const answer = await callApi(emulator, kind, `/v1/broadcasts/${broadcast.id}/whatsapp/log`);
      return (await jsonOf<Envelope<LogEntryData[]>>(answer)).data.map((entry) => entry.status);
    };
    now += 60_000 - 1;
    expect(await statuses()).toEqual(['pending', 'pending']);
    now += 1 + 1_000;
    expect(await statuses()).toEqual(['sent', 'sent']);
  });

  it('refuses what the API refuses, with 422 naming each bad field', async () => {
    const emulator = await start({ contactListProcessingMs: 60_000 });
    const processing = await uploadList(emulator);
    const cases: [Record<string, unknown>, string[]][] = [
      [
        { contact_list_id: processing, execute_type: 'campaign_plan', extra: 1 },
        [
          'extra is not a permitted field',
          'contact_list_id refers to contact list Customers, which is still processing',
          'execute_type must be immediately or specific',
        ],
      ],
      [
        { contact_list_id: 'nope', execute_type: 'specific', name: '' },
        [
          'name is required',
          'contact_list_id does not match any contact list',
          'send_at is required when execute_type is specific',
        ],
      ],
      [
        { execute_type: 'specific', send_at: 'tomorrow', message_template_id: DEMO_IMAGE_TEMPLATE_ID },
        [
          'contact_list_id refers to contact list Customers, which is still processing',
          'parameters.header is required: template weekly_promo has a IMAGE header',
          'send_at must be a date-time with a zone, e.g. 2026-01-31T09:00:00+07:00',
        ],
      ],
    ];
    for (const [overrides, messages] of cases) {
      const res = await callApi(emulator, kind, '/v1/broadcasts/whatsapp', {
        json: listBroadcast(processing, overrides),
      });
      expect(res.status).toBe(422);
      const body = await jsonOf<{ error: { messages: string[] } }>(res);
      for (const message of messages) expect(body.error.messages).toContain(message);
    }
    const none = await callApi(emulator, kind, '/v1/broadcasts/whatsapp', { json: {} });
    expect(await none.json()).toEqual(
      errorEnvelope(422, [
        'name is required',
        'contact_list_id is required',
        'message_template_id is required',
        'channel_integration_id is required',
        'language.code is required',
        'execute_type is required',
      ]),
    );
  });

  it('lists broadcasts of both kinds newest first, filtered, and answers 404 for an unknown id', async () => {
    const emulator = await start(READY);
    const listId = await uploadList(emulator);
    const direct = await callApi(emulator, kind, '/v1/broadcasts/whatsapp/direct', {
      json: directBroadcast({ channel_integration_id: DEMO_WA_CHANNEL_INTEGRATION_ID }),
    });
    const directData = (await jsonOf<Envelope<BroadcastData>>(direct)).data;
    const directId = directData.id;
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later created_at
    const toList = await callApi(emulator, kind, '/v1/broadcasts/whatsapp', { json: listBroadcast(listId) });
    const listData = (await jsonOf<Envelope<BroadcastData>>(toList)).data;
    const listBroadcastId = listData.id;

    const ids = async (query = '') => {
      const answer = await callApi(emulator, kind, `/v1/broadcasts/whatsapp${query}`);
      expect(answer.status).toBe(200);
      return (await jsonOf<Envelope<{ id: string }[]>>(answer)).data.map((b) => b.id);
    };
    expect(await ids()).toEqual([listBroadcastId, directId]);
    expect(await ids('?query=promo')).toEqual([listBroadcastId]);
    expect(await ids('?target_channel[]=wa')).toEqual([directId]);
    expect(await ids('?execute_types[]=specific')).toEqual([]);
    const day = listData.created_at.slice(0, 10);
    const sameDay = directData.created_at.startsWith(day) ? [listBroadcastId, directId] : [listBroadcastId];
    expect(await ids(`?start_date=${day}&end_date=${day}`)).toEqual(sameDay);
    expect(await ids('?end_date=2000-01-01')).toEqual([]);
    expect(await ids('?limit=1&offset=1')).toEqual([directId]);

    const bad = await callApi(emulator, kind, '/v1/broadcasts/whatsapp?start_date=yesterday');
    expect(await bad.json()).toEqual(errorEnvelope(422, ['start_date must be a date (YYYY-MM-DD)']));
    for (const path of ['/v1/broadcasts/no-such-id/whatsapp', '/v1/broadcasts/no-such-id/whatsapp/log']) {
      const unknown = await callApi(emulator, kind, path);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual(errorEnvelope(404, ['Broadcast not found']));
    }
  });

  it('POST /v1/broadcasts/contacts: every number is on WhatsApp but one starting with 0', async () => {
    const emulator = await start();
    const res = await callApi(emulator, kind, '/v1/broadcasts/contacts', {
      json: {
        channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
        phone_numbers: ['+6281234567890', '081234567890'],
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'success',
      data: {
        contacts: [
          { input: '+6281234567890', status: 'valid', wa_id: '6281234567890' },
          { input: '081234567890', status: 'invalid' },
        ],
      },
    });
    const bad = await callApi(emulator, kind, '/v1/broadcasts/contacts', {
      json: { channel_integration_id: 'nope', phone_numbers: ['12', 6281234567890], other: true },
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual(
      errorEnvelope(422, [
        'other is not a permitted field',
        'channel_integration_id does not match any channel integration',
        'phone_numbers[0] must be digits with an optional leading + (5 to 15 digits)',
        'phone_numbers[1] must be digits with an optional leading + (5 to 15 digits)',
      ]),
    );
    const empty = await callApi(emulator, kind, '/v1/broadcasts/contacts', {
      json: { channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID, phone_numbers: [] },
    });
    expect(await empty.json()).toEqual(errorEnvelope(422, ['phone_numbers must have at least one number']));
  });
});

describe("a contact list broadcast's webhooks and timers", () => {
  const start = useEmulator();

  it('refuses a list whose processing failed, quoting at most 64 characters of its name', async () => {
    const emulator = await start(READY);
    const form = contactListForm('name\nRina\n', 'x'.repeat(100_000));
    const res = await callApi(emulator, 'access-token', '/v1/contacts/contact_lists/async', { form });
    const { id } = (await jsonOf<Envelope<{ id: string }>>(res)).data;
    const refused = await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp', {
      json: listBroadcast(id),
    });
    expect(await refused.json()).toEqual(
      errorEnvelope(422, [
        `contact_list_id refers to contact list ${'x'.repeat(64)}…, whose processing failed`,
      ]),
    );
  });
  const QUICK: EmulatorOptions = { ...READY, messageStatusAfterMs: { sent: 20, delivered: 40, read: 60 } };

  it("each contact's message is rendered with its own cells, and its statuses are delivered", async () => {
    const emulator = await start(QUICK);
    const receiver = await startReceiver();
    await registerMessages(emulator, receiver.url, { status_message: true, broadcast_log_status: true });
    const listId = await uploadList(emulator);
    const res = await callApi(emulator, 'hmac', '/v1/broadcasts/whatsapp', { json: listBroadcast(listId) });
    const { id } = (await jsonOf<Envelope<{ id: string }>>(res)).data;
    await receiver.received(12);
    const logs = receiver.events('broadcast_log_status');
    expect(logs).toHaveLength(6);
    for (const phone of ['6281234567890', '6281234567891']) {
      const mine = logs.filter((event) => event['contact_phone_number'] === phone);
      expect(mine.map((event) => event['status'])).toEqual(['sent', 'delivered', 'read']);
      expect(mine[0]).toMatchObject({ messages_broadcast_id: id });
    }
    const texts = receiver
      .events('status_message')
      .filter((event) => event['status'] === 'sent')
      .map((event) => event['text'])
      .sort();
    expect(texts).toEqual([
      'Hi Customer, your order INV-2 has shipped.',
      'Hi Rina, your order INV-1 has shipped.',
    ]);
  });

  it('a scheduled broadcast is sent on a timer at send_at, which reset() cancels', async () => {
    const emulator = await start(QUICK);
    const receiver = await startReceiver();
    const listId = await uploadList(emulator);
    const register = () => registerMessages(emulator, receiver.url, { broadcast_log_status: true });
    await register();
    const schedule = async () =>
      callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp', {
        json: listBroadcast(listId, {
          execute_type: 'specific',
          send_at: new Date(Date.now() + 200).toISOString(),
        }),
      });
    const started = performance.now();
    expect((await schedule()).status).toBe(201);
    const [first] = await receiver.received(1);
    expect((first?.at ?? 0) - started).toBeGreaterThanOrEqual(200);
    await receiver.received(6);

    const cancelledList = await uploadList(emulator);
    expect(cancelledList).not.toBe(listId);
    const before = receiver.posts.length;
    const res = await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp', {
      json: listBroadcast(cancelledList, {
        execute_type: 'specific',
        send_at: new Date(Date.now() + 100).toISOString(),
      }),
    });
    expect(res.status).toBe(201);
    emulator.reset();
    await register();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.posts.length).toBe(before);
  });
});
