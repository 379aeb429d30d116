import { describe, expect, it } from 'vitest';
import {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_HMAC_CLIENT_ID,
  DEMO_ORGANIZATION_ID,
  DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
  DEMO_TEMPLATE_ID,
  DEMO_WA_CHANNEL_INTEGRATION_ID,
} from '../index';
import type { EmulatorCredentialKind } from '../index';
import type { BroadcastData, Envelope, LogEntryData } from './api-helpers';
import { callApi, CREDENTIAL_KINDS, directBroadcast, jsonOf } from './api-helpers';
import { useEmulator } from './helpers';

// Every operation under each credential kind: an issued token and a static token on /api/open, HMAC on /qontak/chat.
describe.each(CREDENTIAL_KINDS)('the Open API with credential %s', (kind: EmulatorCredentialKind) => {
  const start = useEmulator();

  it('answers GET /v1/health', async () => {
    const emulator = await start();
    const res = await callApi(emulator, kind, '/v1/health');
    expect(res.status).toBe(200);
    const { data } = await jsonOf<Envelope<Record<string, unknown>>>(res);
    expect(data).toMatchObject({ status: 'ok', service: 'qontak-emulator' });
    if (kind === 'hmac') expect(data['client_id']).toBe(DEMO_HMAC_CLIENT_ID);
    else expect(data['token_expires_in']).toBe(kind === 'bearer' ? 7200 : null);
  });

  it('sends a direct broadcast (201, the broadcast in the envelope) and records it with its credential kind', async () => {
    const emulator = await start();
    const res = await callApi(emulator, kind, '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { status, data } = await jsonOf<Envelope<BroadcastData>>(res);
    expect(status).toBe('success');
    expect(data.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(data).toMatchObject({
      name: 'Rina',
      organization_id: DEMO_ORGANIZATION_ID,
      channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
      contact_list_id: null,
      target_channel: 'wa_cloud',
      parameters: { header: {}, body: { 1: 'customer_name', 2: 'order_number' }, buttons: {} },
      message_status_count: { failed: 0, delivered: 0, read: 0, pending: 0, sent: 0 },
      message_template: {
        id: DEMO_TEMPLATE_ID,
        name: 'order_shipped',
        body: 'Hi {{1}}, your order {{2}} has shipped.',
        status: 'APPROVED',
      },
    });
    expect(emulator.sent()).toEqual([{ ...directBroadcast(), id: data.id, credential: kind }]);
    expect(emulator.stats().broadcasts).toEqual({ accepted: 1, rejected: 0 });
  });

  it("reads the broadcast's delivery log", async () => {
    const emulator = await start();
    const sent = await callApi(emulator, kind, '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() });
    const { data: broadcast } = await jsonOf<Envelope<BroadcastData>>(sent);
    const res = await callApi(emulator, kind, `/v1/broadcasts/${broadcast.id}/whatsapp/log`);
    expect(res.status).toBe(200);
    const { data, meta } = await jsonOf<Envelope<LogEntryData[]>>(res);
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      messages_broadcast_id: broadcast.id,
      contact_phone_number: '6281234567890',
      contact_full_name: 'Rina',
      channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
    });
    expect(meta?.pagination).toEqual({ limit: 10, offset: 0, total: 1, cursor: { next: null, prev: null } });
  });

  it('lists the WhatsApp templates', async () => {
    const emulator = await start();
    const res = await callApi(emulator, kind, '/v1/templates/whatsapp');
    expect(res.status).toBe(200);
    const { data, meta } = await jsonOf<Envelope<{ id: string; name: string }[]>>(res);
    expect(data.map((t) => t.name)).toEqual(['order_shipped', 'weekly_promo', 'thank_you']);
    expect(meta?.pagination.total).toBe(3);
  });

  it('lists the integrations, filtered by target_channel', async () => {
    const emulator = await start();
    const all = await jsonOf<Envelope<{ id: string }[]>>(await callApi(emulator, kind, '/v1/integrations'));
    expect(all.data.map((i) => i.id)).toEqual([
      DEMO_CHANNEL_INTEGRATION_ID,
      DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
      DEMO_WA_CHANNEL_INTEGRATION_ID,
    ]);
    const res = await callApi(emulator, kind, '/v1/integrations?target_channel=wa_cloud');
    expect(res.status).toBe(200);
    const cloud = await jsonOf<Envelope<{ id: string; target_channel: string }[]>>(res);
    expect(cloud.data.map((i) => i.id)).toEqual([
      DEMO_CHANNEL_INTEGRATION_ID,
      DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
    ]);
    expect(cloud.meta?.pagination.total).toBe(2);
  });

  it('sends a bot message (multipart, 201) and records it', async () => {
    const emulator = await start();
    const form = new FormData();
    form.append('room_id', 'room-1');
    form.append('text', 'Hello from the bot');
    const res = await callApi(emulator, kind, '/v1/messages/whatsapp/bot', { form });
    expect(res.status).toBe(201);
    const { data } = await jsonOf<Envelope<Record<string, unknown>>>(res);
    expect(data).toMatchObject({ type: 'text', room_id: 'room-1', text: 'Hello from the bot', file: null });
    expect(emulator.botMessages()).toEqual([
      { id: data['id'], credential: kind, room_id: 'room-1', type: 'text', text: 'Hello from the bot' },
    ]);
    expect(emulator.stats().botMessages).toEqual({ accepted: 1, rejected: 0 });
  });

  it('registers the message- and room-interactions webhooks (200) and records them', async () => {
    const emulator = await start();
    const message = await callApi(emulator, kind, '/v1/message_interactions', {
      method: 'PUT',
      json: {
        receive_message_from_agent: false,
        receive_message_from_customer: true,
        status_message: true,
        broadcast_log_status: true,
        url: 'https://hooks.example.com/qontak',
      },
    });
    expect(message.status).toBe(200);
    const room = await callApi(emulator, kind, '/v1/room_interactions', {
      method: 'PUT',
      json: { room_resolved: true, url: 'https://hooks.example.com/rooms' },
    });
    expect(room.status).toBe(200);
    expect(emulator.webhooks()).toEqual({
      messageInteractions: {
        receive_message_from_agent: false,
        receive_message_from_customer: true,
        status_message: true,
        broadcast_log_status: true,
        url: 'https://hooks.example.com/qontak',
        credential: kind,
      },
      roomInteractions: { room_resolved: true, url: 'https://hooks.example.com/rooms', credential: kind },
    });
  });

  it('counts the answers per operation, the same route name under either base path', async () => {
    const emulator = await start();
    await callApi(emulator, kind, '/v1/templates/whatsapp');
    await callApi(emulator, kind, '/v1/templates/whatsapp?limit=0');
    await callApi(emulator, kind, '/v1/integrations');
    await callApi(emulator, kind, '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() });
    await callApi(emulator, kind, '/v1/broadcasts/whatsapp/direct', { json: {} });
    const { operations, broadcasts } = emulator.stats();
    expect(operations).toEqual({
      templates: { 200: 1, 422: 1 },
      integrations: { 200: 1 },
      'broadcast-direct': { 201: 1, 422: 1 },
    });
    expect(broadcasts).toEqual({ accepted: 1, rejected: 1 });
  });
});
