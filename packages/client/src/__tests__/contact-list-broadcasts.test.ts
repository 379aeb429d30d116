import {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_TEMPLATE_ID,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { paginate } from '../paginate';
import type { QontakClient } from '../qontak-client';
import { toFormData } from '../to-form-data';
import { authorizerFor, SCHEMES } from './support/schemes';

const CSV =
  'phone_number,full_name,order\n6281234567890,Rina,INV-1\n6281234567891,Budi,INV-2\nabc,Sari,INV-3\n';

const emulators: QontakEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

/** An emulator whose contact lists are processed in 50 ms, closed after the test. */
async function quickEmulator(): Promise<QontakEmulator> {
  const started = await startEmulator({ contactListProcessingMs: 50 });
  emulators.push(started);
  return started;
}

/** Uploads the CSV as a contact list, multipart through `toFormData`, and reads it until it is processed. */
async function uploadList(client: QontakClient) {
  const created = await client.POST('/v1/contacts/contact_lists/async', {
    body: {
      name: 'December customers',
      source_type: 'spreadsheet',
      file: new Blob([CSV], { type: 'text/csv' }),
    },
    bodySerializer: toFormData,
  });
  expect(created.response.status).toBe(201);
  expect(created.data?.data.progress).toBe('processing');
  const id = created.data!.data.id;
  for (;;) {
    const { data } = await client.GET('/v1/contacts/contact_lists/{id}', { params: { path: { id } } });
    if (data?.data.progress !== 'processing') return data!.data;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe.each(SCHEMES)('contact lists and broadcasts to them, typed, with a %s', (scheme) => {
  it('upload a list, broadcast to it, read its log: one entry per contact', async () => {
    const server = await quickEmulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const list = await uploadList(client);
    expect(list).toMatchObject({
      progress: 'success',
      contacts_count_success: 2,
      contacts_count_failed: 1,
      contact_variables: ['full_name', 'order'],
    });
    const lists = await client.GET('/v1/contacts/contact_lists', {
      params: { query: { query: 'december' } },
    });
    expect(lists.data?.data.map((item) => item.id)).toEqual([list.id]);

    const sent = await client.POST('/v1/broadcasts/whatsapp', {
      body: {
        name: 'Shipping notice',
        contact_list_id: list.id,
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
      },
    });
    expect(sent.error).toBeUndefined();
    expect(sent.response.status).toBe(201);
    const id = sent.data!.data.id;
    expect(sent.data?.data).toMatchObject({ contact_list_id: list.id, message_status_count: { pending: 2 } });

    const log = await collect(
      paginate(client, '/v1/broadcasts/{id}/whatsapp/log', { params: { path: { id } }, pageSize: 1 }),
    );
    expect(
      log.map((entry) => [entry.messages_broadcast_id, entry.contact_phone_number, entry.contact_full_name]),
    ).toEqual([
      [id, '6281234567890', 'Rina'],
      [id, '6281234567891', 'Budi'],
    ]);
    expect(server.stats().operations['broadcast-log']).toMatchObject({ 200: 2 });

    const detail = await client.GET('/v1/broadcasts/{id}/whatsapp', { params: { path: { id } } });
    expect(detail.data?.data).toMatchObject({ id, contact_list_id: list.id });
    const broadcasts = await client.GET('/v1/broadcasts/whatsapp', {
      params: { query: { 'execute_types[]': ['immediately'], query: 'shipping' } },
    });
    expect(broadcasts.data?.data.map((broadcast) => broadcast.id)).toEqual([id]);
    expect(server.stats().operations).toMatchObject({
      'contact-list-create': { 201: 1 },
      'broadcast-contact-list': { 201: 1 },
    });
  });

  it('POST /v1/broadcasts/contacts says which numbers are on WhatsApp', async () => {
    const server = await quickEmulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const { data, response } = await client.POST('/v1/broadcasts/contacts', {
      body: {
        channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
        phone_numbers: ['6281234567890', '0812345678'],
      },
    });
    expect(response.status).toBe(200);
    expect(data?.data.contacts).toEqual([
      { input: '6281234567890', status: 'valid', wa_id: '6281234567890' },
      { input: '0812345678', status: 'invalid' },
    ]);
  });

  it('unknown ids are 404 and bad bodies 422 in the error envelope, typed', async () => {
    const server = await quickEmulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const unknownList = await client.GET('/v1/contacts/contact_lists/{id}', {
      params: { path: { id: 'nope' } },
    });
    expect(unknownList.response.status).toBe(404);
    expect(unknownList.error).toEqual({
      status: 'error',
      error: { code: 404, messages: ['Contact list not found'] },
    });
    const unknownBroadcast = await client.GET('/v1/broadcasts/{id}/whatsapp', {
      params: { path: { id: 'nope' } },
    });
    expect(unknownBroadcast.response.status).toBe(404);

    const refused = await client.POST('/v1/broadcasts/whatsapp', {
      body: {
        name: 'x',
        contact_list_id: 'nope',
        message_template_id: DEMO_TEMPLATE_ID,
        channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
        language: { code: 'en' },
        execute_type: 'specific',
        send_at: 'soon',
      },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({
      error: {
        code: 422,
        messages: [
          'contact_list_id does not match any contact list',
          'parameters.body must have 2 entries for the placeholders of template order_shipped, got 0',
          'send_at must be a date-time with a zone, e.g. 2026-01-31T09:00:00+07:00',
        ],
      },
    });
  });
});
