import { describe, expect, it } from 'vitest';
import {
  BROADCAST_DELIVERED_AFTER_MS,
  BROADCAST_SENT_AFTER_MS,
  DEMO_IMAGE_TEMPLATE_ID,
  DEMO_PLAIN_TEMPLATE_ID,
  DEMO_WA_CHANNEL_INTEGRATION_ID,
} from '../index';
import type { QontakEmulator } from '../index';
import type { BroadcastData, Envelope, LogEntryData } from './api-helpers';
import { callApi, directBroadcast, errorEnvelope, jsonOf } from './api-helpers';
import { useEmulator } from './helpers';

const PATH = '/v1/broadcasts/whatsapp/direct';

const IMAGE_HEADER = {
  format: 'IMAGE',
  params: [
    { key: 'url', value: 'https://cdn.example.com/sale.jpg' },
    { key: 'filename', value: 'sale.jpg' },
  ],
};

function imageBroadcast(parameters: Record<string, unknown> = {}): Record<string, unknown> {
  return directBroadcast({
    message_template_id: DEMO_IMAGE_TEMPLATE_ID,
    parameters: {
      header: IMAGE_HEADER,
      body: [
        { key: '1', value: 'customer_name', value_text: 'Rina' },
        { key: '2', value: 'product', value_text: 'Batik shirt' },
      ],
      buttons: [{ index: '0', type: 'url', value: 'batik-shirt' }],
      ...parameters,
    },
  });
}

async function refused(emulator: QontakEmulator, json: unknown): Promise<string[]> {
  const res = await callApi(emulator, 'access-token', PATH, { json });
  expect(res.status).toBe(422);
  const body = await jsonOf<{ status: string; error: { code: number; messages: string[] } }>(res);
  expect(body.status).toBe('error');
  expect(body.error.code).toBe(422);
  return body.error.messages;
}

describe('POST /v1/broadcasts/whatsapp/direct', () => {
  const start = useEmulator();

  it('names each missing required field of an empty body', async () => {
    const emulator = await start();
    expect(await refused(emulator, {})).toEqual([
      'to_number is required',
      'to_name is required',
      'message_template_id is required',
      'channel_integration_id is required',
      'language.code is required',
    ]);
    expect(emulator.sent()).toEqual([]);
    expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 1 });
  });

  it('answers a bodiless request with the same list', async () => {
    const emulator = await start();
    const res = await callApi(emulator, 'hmac', PATH, { method: 'POST' });
    expect(res.status).toBe(422);
    expect((await jsonOf<{ error: { messages: string[] } }>(res)).error.messages).toHaveLength(5);
  });

  it.each([
    [{ to_number: '' }, 'to_number is required'],
    [{ to_number: 6281234567890 }, 'to_number must be a string'],
    [{ to_number: '0812-3456-7890' }, 'to_number must be digits with an optional leading + (5 to 15 digits)'],
    [{ to_number: '+1234' }, 'to_number must be digits with an optional leading + (5 to 15 digits)'],
    [{ to_name: '   ' }, 'to_name is required'],
    [{ message_template_id: 'no-such-template' }, 'message_template_id does not match any template'],
    [
      { channel_integration_id: 'no-such-integration' },
      'channel_integration_id does not match any channel integration',
    ],
    [{ language: 'id' }, 'language must be an object with a code'],
    [{ language: {} }, 'language.code is required'],
    [{ language: { code: 'id', region: 'ID' } }, 'language.region is not a permitted field'],
    [{ extra: true }, 'extra is not a permitted field'],
    [{ parameters: [] }, 'parameters must be an object'],
    [{ parameters: { body: {} } }, 'parameters.body must be an array'],
    [{ parameters: { footer: [] } }, 'parameters.footer is not a permitted field'],
  ])('refuses %j with 422 naming it', async (overrides, message) => {
    const emulator = await start();
    expect(await refused(emulator, directBroadcast(overrides))).toContain(message);
  });

  it('names every bad body entry field', async () => {
    const emulator = await start();
    const messages = await refused(
      emulator,
      directBroadcast({
        parameters: {
          body: [{ key: 'one', value: 'name' }, 'x', { key: '2', value: 3, value_text: 'INV', note: 1 }],
        },
      }),
    );
    expect(messages).toEqual([
      'parameters.body[0].key must be a string of digits',
      'parameters.body[0].value_text is required',
      'parameters.body[1] must be an object',
      'parameters.body[2].note is not a permitted field',
      'parameters.body[2].value must be a string',
    ]);
  });

  it('refuses a body whose number of entries does not match the template placeholders', async () => {
    const emulator = await start();
    const one = [{ key: '1', value: 'customer_name', value_text: 'Rina' }];
    expect(await refused(emulator, directBroadcast({ parameters: { body: one } }))).toEqual([
      'parameters.body must have 2 entries for the placeholders of template order_shipped, got 1',
    ]);
    expect(await refused(emulator, directBroadcast({ parameters: undefined }))).toEqual([
      'parameters.body must have 2 entries for the placeholders of template order_shipped, got 0',
    ]);
    expect(
      await refused(
        emulator,
        directBroadcast({ message_template_id: DEMO_PLAIN_TEMPLATE_ID, parameters: { body: one } }),
      ),
    ).toEqual(['parameters.body must have 0 entries for the placeholders of template thank_you, got 1']);
    const wrongKeys = [
      { key: '1', value: 'a', value_text: 'A' },
      { key: '3', value: 'c', value_text: 'C' },
    ];
    expect(await refused(emulator, directBroadcast({ parameters: { body: wrongKeys } }))).toEqual([
      'parameters.body[1].key must be one of 1, 2, each once',
    ]);
  });

  it('requires the media header of an IMAGE template, in its format, with a url', async () => {
    const emulator = await start();
    expect(await refused(emulator, imageBroadcast({ header: undefined }))).toEqual([
      'parameters.header is required: template weekly_promo has a IMAGE header',
    ]);
    expect(await refused(emulator, imageBroadcast({ header: { ...IMAGE_HEADER, format: 'VIDEO' } }))).toEqual(
      ['parameters.header.format must be IMAGE for template weekly_promo'],
    );
    expect(
      await refused(
        emulator,
        imageBroadcast({ header: { format: 'IMAGE', params: [{ key: 'filename', value: 'a.jpg' }] } }),
      ),
    ).toEqual(['parameters.header.params must include a url for the IMAGE header of template weekly_promo']);
    expect(
      await refused(
        emulator,
        imageBroadcast({
          header: { format: 'IMAGE', params: [{ key: 'url', value: 'file:///etc/passwd' }] },
        }),
      ),
    ).toEqual(['parameters.header.params url must be an http or https URL']);
    expect(await refused(emulator, imageBroadcast({ header: { format: 'GIF' } }))).toEqual([
      'parameters.header.format must be one of IMAGE, VIDEO, DOCUMENT, TEXT',
      'parameters.header.params is required',
    ]);
  });

  it('refuses a header for a template without one, and a button index the template does not have', async () => {
    const emulator = await start();
    expect(
      await refused(
        emulator,
        directBroadcast({
          parameters: { ...(directBroadcast().parameters as object), header: IMAGE_HEADER },
        }),
      ),
    ).toEqual(['parameters.header is not allowed: template order_shipped has no header']);
    expect(
      await refused(emulator, imageBroadcast({ buttons: [{ index: '1', type: 'url', value: 'x' }] })),
    ).toEqual(['parameters.buttons[0].index must be from 0 to 0 for template weekly_promo']);
    expect(await refused(emulator, imageBroadcast({ buttons: [{ index: 0, type: 'url' }] }))).toEqual([
      'parameters.buttons[0].index must be a string',
      'parameters.buttons[0].value is required',
    ]);
  });

  it('refuses a non-WhatsApp integration and a template that is not APPROVED', async () => {
    const emulator = await start({
      templates: [{ id: 'tpl-pending', name: 'draft', body: 'Hello', status: 'PENDING' }],
      integrations: [{ id: 'int-ig', targetChannel: 'ig' }],
    });
    expect(
      await refused(
        emulator,
        directBroadcast({
          message_template_id: 'tpl-pending',
          channel_integration_id: 'int-ig',
          parameters: {},
        }),
      ),
    ).toEqual([
      'message_template_id refers to template draft, which is PENDING, not APPROVED',
      'channel_integration_id is a ig integration, not WhatsApp (wa_cloud or wa)',
    ]);
  });

  it('accepts the IMAGE template with its header and button, and stores the parameters as Qontak renders them', async () => {
    const emulator = await start();
    const res = await callApi(emulator, 'bearer', PATH, { json: imageBroadcast() });
    expect(res.status).toBe(201);
    const { data } = await jsonOf<Envelope<BroadcastData>>(res);
    expect(data.parameters).toEqual({
      header: { format: 'IMAGE', params: { url: 'https://cdn.example.com/sale.jpg', filename: 'sale.jpg' } },
      body: { 1: 'customer_name', 2: 'product' },
      buttons: { 0: 'batik-shirt' },
    });
    expect(data.message_template).toMatchObject({ id: DEMO_IMAGE_TEMPLATE_ID, header: { format: 'IMAGE' } });
    expect(emulator.sent()).toEqual([{ ...imageBroadcast(), id: data.id, credential: 'bearer' }]);
  });

  it('goes through a wa integration too, and gives one contact id per number', async () => {
    const emulator = await start();
    const send = async (overrides: Record<string, unknown>) =>
      (
        await jsonOf<Envelope<BroadcastData>>(
          await callApi(emulator, 'hmac', PATH, { json: directBroadcast(overrides) }),
        )
      ).data;
    const a = await send({ channel_integration_id: DEMO_WA_CHANNEL_INTEGRATION_ID });
    const b = await send({ to_number: '+6281234567890' });
    const c = await send({ to_number: '6289999999999' });
    expect(a.target_channel).toBe('wa');
    expect(b.target_channel).toBe('wa_cloud');
    expect(b.contact_id).toBe(a.contact_id);
    expect(c.contact_id).not.toBe(a.contact_id);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
  });

  it('takes JSON only: 415 for another media type, 400 for malformed JSON, 413 past maxBodyBytes', async () => {
    const emulator = await start({ maxBodyBytes: 2048 });
    const form = await callApi(emulator, 'access-token', PATH, {
      body: new URLSearchParams({ to_number: '6281234567890' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual(errorEnvelope(415, ['Content-Type must be application/json']));
    const malformed = await callApi(emulator, 'access-token', PATH, {
      body: '{"to_number":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual(errorEnvelope(400, ['the request body is not valid JSON']));
    const huge = await callApi(emulator, 'access-token', PATH, {
      json: directBroadcast({ to_name: 'x'.repeat(4096) }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual(errorEnvelope(413, ['the request body is larger than 2048 bytes']));
    const array = await callApi(emulator, 'access-token', PATH, { json: [directBroadcast()] });
    expect(await array.json()).toEqual(errorEnvelope(422, ['the request body must be a JSON object']));
    expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 4 });
    expect((await callApi(emulator, 'access-token', PATH, { json: directBroadcast() })).status).toBe(201);
  });
});

describe('GET /v1/broadcasts/{id}/whatsapp/log', () => {
  const start = useEmulator();

  it('moves the one entry from pending to sent to delivered on the injected clock', async () => {
    let now = Date.parse('2026-03-01T08:00:00Z');
    const emulator = await start({ clock: () => now });
    const sent = await callApi(emulator, 'access-token', PATH, { json: directBroadcast() });
    const { data: broadcast } = await jsonOf<Envelope<BroadcastData>>(sent);
    expect(broadcast.created_at).toBe('2026-03-01T08:00:00.000Z');
    const entry = async () =>
      (
        await jsonOf<Envelope<LogEntryData[]>>(
          await callApi(emulator, 'hmac', `/v1/broadcasts/${broadcast.id}/whatsapp/log`, { at: now }),
        )
      ).data[0];

    const pending = await entry();
    expect(pending).toMatchObject({ status: 'pending', whatsapp_message_id: null });
    now += BROADCAST_SENT_AFTER_MS - 1;
    expect((await entry())?.status).toBe('pending');
    now += 1;
    const sentEntry = await entry();
    expect(sentEntry?.status).toBe('sent');
    expect(sentEntry?.whatsapp_message_id).toMatch(/^wamid\./);
    expect(sentEntry?.id).toBe(pending?.id);
    now = Date.parse('2026-03-01T08:00:00Z') + BROADCAST_DELIVERED_AFTER_MS;
    expect((await entry())?.status).toBe('delivered');
    expect(BROADCAST_SENT_AFTER_MS).toBe(1_000);
    expect(BROADCAST_DELIVERED_AFTER_MS).toBe(3_000);
  });

  it('answers 404 in the envelope for an unknown broadcast id, and 422 for a bad page', async () => {
    const emulator = await start();
    const res = await callApi(emulator, 'bearer', '/v1/broadcasts/no-such-id/whatsapp/log');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(errorEnvelope(404, ['Broadcast not found']));
    const bad = await callApi(emulator, 'bearer', '/v1/broadcasts/no-such-id/whatsapp/log?limit=500');
    expect(bad.status).toBe(422);
    expect(emulator.stats().operations['broadcast-log']).toEqual({ 404: 1, 422: 1 });
  });

  it('pages the log like every list', async () => {
    const emulator = await start();
    const { data } = await jsonOf<Envelope<BroadcastData>>(
      await callApi(emulator, 'bearer', PATH, { json: directBroadcast() }),
    );
    const page = await jsonOf<Envelope<LogEntryData[]>>(
      await callApi(emulator, 'bearer', `/v1/broadcasts/${data.id}/whatsapp/log?offset=1`),
    );
    expect(page.data).toEqual([]);
    expect(page.meta?.pagination).toMatchObject({ offset: 1, total: 1 });
  });
});
