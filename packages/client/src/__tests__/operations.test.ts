import { DEMO_IMAGE_TEMPLATE_ID, DEMO_TEMPLATE_ID, DEMO_WA_CHANNEL_INTEGRATION_ID } from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { toFormData } from '../to-form-data';
import { ORDER_SHIPPED } from './support/order-shipped';
import { authorizerFor, emulator, SCHEMES } from './support/schemes';

describe.each(SCHEMES)('the typed client with a %s', (scheme, credential) => {
  it('GET /v1/health', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const { data, error, response } = await client.GET('/v1/health');
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.status).toBe('success');
  });

  it('POST /v1/broadcasts/whatsapp/direct sends one template message, and the emulator shows what was sent', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const { data, error, response } = await client.POST('/v1/broadcasts/whatsapp/direct', {
      body: ORDER_SHIPPED,
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(data?.data.id).toEqual(expect.any(String));
    expect(data?.data.message_template?.id ?? DEMO_TEMPLATE_ID).toBe(DEMO_TEMPLATE_ID);
    expect(server.sent()).toEqual([
      expect.objectContaining({
        id: data?.data.id,
        credential,
        to_number: '6281234567890',
        language: { code: 'id' },
      }),
    ]);
    expect(server.stats().broadcasts).toEqual({ accepted: 1, rejected: 0 });
  });

  it('gets a 422 with the error envelope naming each missing field, typed, and nothing is sent', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const { data, error, response } = await client.POST('/v1/broadcasts/whatsapp/direct', {
      body: { ...ORDER_SHIPPED, to_number: '', parameters: { body: [] } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(422);
    expect(error).toMatchObject({ status: 'error', error: { code: 422 } });
    const messages = typeof error === 'object' && 'error' in error ? error.error.messages : [];
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(messages.join('\n')).toMatch(/to_number/);
    expect(server.sent()).toEqual([]);
  });

  it('GET /v1/broadcasts/{id}/whatsapp/log', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const sent = await client.POST('/v1/broadcasts/whatsapp/direct', { body: ORDER_SHIPPED });
    const id = sent.data!.data.id;
    const { data, response } = await client.GET('/v1/broadcasts/{id}/whatsapp/log', {
      params: { path: { id } },
    });
    expect(response.status).toBe(200);
    expect(data?.data).toHaveLength(1);
    expect(data?.data[0]).toMatchObject({ status: 'pending' });
    const unknown = await client.GET('/v1/broadcasts/{id}/whatsapp/log', {
      params: { path: { id: 'no-such-id' } },
    });
    expect(unknown.response.status).toBe(404);
  });

  it('GET /v1/templates/whatsapp and /v1/integrations?target_channel=… with offset and limit', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const templates = await client.GET('/v1/templates/whatsapp', {
      params: { query: { offset: 0, limit: 2 } },
    });
    expect(templates.data?.data.map((template) => template.id)).toHaveLength(2);
    expect(templates.data?.meta?.pagination).toMatchObject({ offset: 0, limit: 2, total: 3 });
    const wa = await client.GET('/v1/integrations', { params: { query: { target_channel: 'wa' } } });
    expect(wa.data?.data.map((integration) => integration.id)).toEqual([DEMO_WA_CHANNEL_INTEGRATION_ID]);
  });

  it('POST /v1/messages/whatsapp/bot as multipart, text and an image upload', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const text = await client.POST('/v1/messages/whatsapp/bot', {
      body: { room_id: 'room-1', type: 'text', text: 'Halo' },
      bodySerializer: toFormData,
    });
    expect(text.response.status).toBe(201);
    const image = await client.POST('/v1/messages/whatsapp/bot', {
      body: {
        room_id: 'room-1',
        type: 'image',
        file: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
      },
      bodySerializer: toFormData,
    });
    expect(image.response.status).toBe(201);
    expect(server.botMessages()).toEqual([
      expect.objectContaining({ room_id: 'room-1', type: 'text', text: 'Halo', credential }),
      expect.objectContaining({
        type: 'image',
        file: expect.objectContaining({ size: 3, type: 'image/png' }),
        credential,
      }),
    ]);
  });

  it('PUT /v1/message_interactions and /v1/room_interactions register the webhooks', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const messages = await client.PUT('/v1/message_interactions', {
      body: {
        receive_message_from_customer: true,
        status_message: true,
        url: 'https://example.com/qontak/messages',
      },
    });
    const rooms = await client.PUT('/v1/room_interactions', {
      body: { room_resolved: true, url: 'https://example.com/qontak/rooms' },
    });
    expect([messages.response.status, rooms.response.status]).toEqual([200, 200]);
    expect(server.webhooks()).toMatchObject({
      messageInteractions: {
        url: 'https://example.com/qontak/messages',
        receive_message_from_customer: true,
        credential,
      },
      roomInteractions: { url: 'https://example.com/qontak/rooms', room_resolved: true, credential },
    });
  });

  it('refuses an unknown template (422), and an image template without its header', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const unknown = await client.POST('/v1/broadcasts/whatsapp/direct', {
      body: { ...ORDER_SHIPPED, message_template_id: 'no-such-template' },
    });
    expect(unknown.response.status).toBe(422);
    const headerless = await client.POST('/v1/broadcasts/whatsapp/direct', {
      body: { ...ORDER_SHIPPED, message_template_id: DEMO_IMAGE_TEMPLATE_ID },
    });
    expect(headerless.response.status).toBe(422);
    expect(server.stats().broadcasts).toEqual({ accepted: 0, rejected: 2 });
  });
});
