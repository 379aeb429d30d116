import { describe, expect, it } from 'vitest';
import type { QontakEmulator } from '../index';
import type { Envelope } from './api-helpers';
import { callApi, errorEnvelope, jsonOf } from './api-helpers';
import { useEmulator } from './helpers';

interface WebhookEvent {
  enabled: boolean;
  webhooks: { id: string; event: string; url: string }[];
}

type Settings = Record<
  | 'receive_message_from_agent'
  | 'receive_message_from_customer'
  | 'status_message'
  | 'broadcast_log_status'
  | 'room_resolved',
  WebhookEvent
>;

function put(emulator: QontakEmulator, path: string, json: unknown): Promise<Response> {
  return callApi(emulator, 'access-token', path, { method: 'PUT', json });
}

describe('PUT /v1/message_interactions and PUT /v1/room_interactions', () => {
  const start = useEmulator();

  it("answers 200 with the organization's webhook settings, as Qontak's docs show them", async () => {
    const emulator = await start();
    const res = await put(emulator, '/v1/message_interactions', {
      receive_message_from_customer: true,
      url: 'https://hooks.example.com/in',
    });
    expect(res.status).toBe(200);
    const { data } = await jsonOf<Envelope<Settings>>(res);
    const hook = {
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event: 'message_interaction',
      url: 'https://hooks.example.com/in',
    };
    expect(data).toEqual({
      receive_message_from_agent: { enabled: false, webhooks: [hook] },
      receive_message_from_customer: { enabled: true, webhooks: [hook] },
      status_message: { enabled: false, webhooks: [hook] },
      broadcast_log_status: { enabled: false, webhooks: [hook] },
      room_resolved: { enabled: false, webhooks: [] },
    });
    expect(emulator.webhooks().messageInteractions).toEqual({
      receive_message_from_agent: false,
      receive_message_from_customer: true,
      status_message: false,
      broadcast_log_status: false,
      url: 'https://hooks.example.com/in',
      credential: 'access-token',
    });
    expect(emulator.webhooks().roomInteractions).toBeNull();

    const room = await put(emulator, '/v1/room_interactions', {
      room_resolved: true,
      url: 'http://hooks.example.com/rooms',
    });
    const after = (await jsonOf<Envelope<Settings>>(room)).data;
    expect(after.room_resolved).toEqual({
      enabled: true,
      webhooks: [
        { id: expect.any(String), event: 'room_interaction', url: 'http://hooks.example.com/rooms' },
      ],
    });
    expect(after.receive_message_from_customer.enabled).toBe(true);
  });

  it('replaces a registration and keeps its webhook id', async () => {
    const emulator = await start();
    const first = await jsonOf<Envelope<Settings>>(
      await put(emulator, '/v1/message_interactions', { status_message: true, url: 'https://a.example.com' }),
    );
    const second = await jsonOf<Envelope<Settings>>(
      await put(emulator, '/v1/message_interactions', {
        status_message: false,
        url: 'https://b.example.com',
      }),
    );
    expect(second.data.status_message.enabled).toBe(false);
    expect(second.data.status_message.webhooks[0]?.url).toBe('https://b.example.com');
    expect(second.data.status_message.webhooks[0]?.id).toBe(first.data.status_message.webhooks[0]?.id);
    expect(emulator.webhooks().messageInteractions?.url).toBe('https://b.example.com');
  });

  it.each([
    ['/v1/message_interactions', {}, ['url is required']],
    ['/v1/message_interactions', { url: 'ftp://files.example.com' }, ['url must be an http or https URL']],
    ['/v1/message_interactions', { url: 'not a url' }, ['url must be an http or https URL']],
    [
      '/v1/message_interactions',
      {
        receive_message_from_agent: 'yes',
        status_message: 1,
        url: 'https://a.example.com',
        broadcast_log_status: 'on',
        sent_message: true,
      },
      [
        'sent_message is not a permitted field',
        'receive_message_from_agent must be a boolean',
        'status_message must be a boolean',
        'broadcast_log_status must be a boolean',
      ],
    ],
    [
      '/v1/room_interactions',
      { room_resolved: 'true' },
      ['room_resolved must be a boolean', 'url is required'],
    ],
    ['/v1/room_interactions', [], ['the request body must be a JSON object']],
  ])('PUT %s %j answers 422 naming each bad field', async (path, json, messages) => {
    const emulator = await start();
    const res = await put(emulator, path, json);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual(errorEnvelope(422, messages));
    expect(emulator.webhooks()).toEqual({ messageInteractions: null, roomInteractions: null });
  });

  it('takes JSON only (415), and only PUT (POST is a 404)', async () => {
    const emulator = await start();
    const form = new FormData();
    form.append('url', 'https://a.example.com');
    const multipart = await callApi(emulator, 'bearer', '/v1/message_interactions', { method: 'PUT', form });
    expect(multipart.status).toBe(415);
    const post = await callApi(emulator, 'bearer', '/v1/room_interactions', {
      method: 'POST',
      json: { url: 'https://a.example.com' },
    });
    expect(post.status).toBe(404);
    expect(await post.json()).toEqual(errorEnvelope(404, ['Not found']));
  });
});
