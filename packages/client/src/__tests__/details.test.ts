import {
  DEMO_AGENT_ID,
  DEMO_IMAGE_TEMPLATE_ID,
  DEMO_SECOND_AGENT_ID,
  DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
} from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { paginate } from '../paginate';
import { authorizerFor, emulator, SCHEMES } from './support/schemes';

describe.each(SCHEMES)('users, details, webhook settings and contact blocks with a %s', (scheme) => {
  it('GET /v1/users: the seeded agents and supervisor, by role and query; 422 for an unknown role', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const users = await client.GET('/v1/users');
    expect(users.data?.data.map((user) => user.role)).toEqual(['agent', 'agent', 'supervisor']);
    expect(users.data?.meta?.pagination).toMatchObject({ total: 3 });
    const agents = [];
    for await (const user of paginate(client, '/v1/users', {
      params: { query: { role: 'agent' } },
      pageSize: 1,
    })) {
      agents.push(user.id);
    }
    expect(agents).toEqual([DEMO_AGENT_ID, DEMO_SECOND_AGENT_ID]);
    const second = await client.GET('/v1/users', { params: { query: { query: 'second' } } });
    expect(second.data?.data.map((user) => user.full_name)).toEqual(['Second Agent']);
    const bad = await client.GET('/v1/users', { params: { query: { role: 'owner' as 'agent' } } });
    expect(bad.response.status).toBe(422);
  });

  it('GET /v1/templates/{id}/whatsapp and /v1/integrations/{id}; 404 for unknown ids', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const template = await client.GET('/v1/templates/{id}/whatsapp', {
      params: { path: { id: DEMO_IMAGE_TEMPLATE_ID } },
    });
    expect(template.data?.data).toMatchObject({ id: DEMO_IMAGE_TEMPLATE_ID, name: 'weekly_promo' });
    const integration = await client.GET('/v1/integrations/{id}', {
      params: { path: { id: DEMO_SUPPORT_CHANNEL_INTEGRATION_ID } },
    });
    expect(integration.data?.data).toMatchObject({
      id: DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
      target_channel: 'wa_cloud',
      settings: { account_name: 'Demo Support' },
    });
    const noTemplate = await client.GET('/v1/templates/{id}/whatsapp', { params: { path: { id: 'nope' } } });
    expect(noTemplate.error).toEqual({
      status: 'error',
      error: { code: 404, messages: ['Template not found'] },
    });
    const noIntegration = await client.GET('/v1/integrations/{id}', { params: { path: { id: 'nope' } } });
    expect(noIntegration.response.status).toBe(404);
  });

  it('GET /v1/message_interactions and /v1/room_interactions read what was PUT', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const before = await client.GET('/v1/message_interactions');
    expect(before.data?.data.receive_message_from_customer).toEqual({ enabled: false, webhooks: [] });
    await client.PUT('/v1/message_interactions', {
      body: { receive_message_from_customer: true, url: 'https://example.com/qontak/messages' },
    });
    await client.PUT('/v1/room_interactions', {
      body: { room_resolved: true, url: 'https://example.com/qontak/rooms' },
    });
    const messages = await client.GET('/v1/message_interactions');
    expect(messages.data?.data.receive_message_from_customer).toMatchObject({
      enabled: true,
      webhooks: [{ event: 'message_interaction', url: 'https://example.com/qontak/messages' }],
    });
    const rooms = await client.GET('/v1/room_interactions');
    expect(rooms.data?.data.room_resolved).toMatchObject({
      enabled: true,
      webhooks: [{ event: 'room_interaction', url: 'https://example.com/qontak/rooms' }],
    });
  });

  it('POST /v1/contact_block blocks the customer of a room (their messages are refused), DELETE unblocks them', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const { roomId } = server.receiveCustomerMessage({ from: '6281234567890', text: 'spam' });
    const blocked = await client.POST('/v1/contact_block', { body: { room_id: roomId, reason: 'spam' } });
    expect(blocked.response.status).toBe(201);
    const contactId = (blocked.data?.data as { contact_id: string }).contact_id;
    expect(() => server.receiveCustomerMessage({ from: '6281234567890', text: 'more spam' })).toThrow(
      /is blocked/,
    );
    const unblocked = await client.DELETE('/v1/contact_block/{contact_id}', {
      params: { path: { contact_id: contactId } },
      body: { room_id: roomId },
    });
    expect(unblocked.response.status).toBe(200);
    expect(server.receiveCustomerMessage({ from: '6281234567890', text: 'sorry' }).roomId).toBe(roomId);

    const again = await client.DELETE('/v1/contact_block/{contact_id}', {
      params: { path: { contact_id: contactId } },
      body: { room_id: roomId },
    });
    expect(again.response.status).toBe(404);
    const noRoom = await client.POST('/v1/contact_block', { body: { room_id: 'no-such-room', reason: 'x' } });
    expect(noRoom.response.status).toBe(404);
    const bad = await client.POST('/v1/contact_block', {
      body: { room_id: roomId } as { room_id: string; reason: string },
    });
    expect(bad.response.status).toBe(422);
    expect(bad.error).toEqual({ status: 'error', error: { code: 422, messages: ['reason is required'] } });
  });
});
