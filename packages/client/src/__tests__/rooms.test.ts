import {
  DEMO_AGENT_ID,
  DEMO_SECOND_AGENT_ID,
  DEMO_SUPERVISOR_ID,
  DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
  type QontakEmulator,
} from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { toFormData } from '../to-form-data';
import { ORDER_SHIPPED } from './support/order-shipped';
import { messagesOf } from './support/error-messages';
import { authorizerFor, emulator, SCHEMES, type SchemeName } from './support/schemes';

/** A fresh emulator with a client on it, and one customer's room. */
async function withRoom(scheme: SchemeName): Promise<{
  server: QontakEmulator;
  client: ReturnType<typeof createQontakClient>;
  roomId: string;
}> {
  const server = await emulator();
  const client = createQontakClient(authorizerFor(scheme, server));
  const { roomId } = server.receiveCustomerMessage({ from: '6281234567890', name: 'Rina', text: 'Halo' });
  return { server, client, roomId };
}

describe.each(SCHEMES)('the rooms with a %s', (scheme) => {
  it('GET /v1/rooms lists the rooms of inbound messages and of broadcasts to new numbers, filtered and paged', async () => {
    const { server, client, roomId } = await withRoom(scheme);
    const support = server.receiveCustomerMessage({
      from: '6281234567891',
      name: 'Budi',
      text: 'Order?',
      channelIntegrationId: DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
    });
    const broadcast = await client.POST('/v1/broadcasts/whatsapp/direct', {
      body: { ...ORDER_SHIPPED, to_number: '6281299999999', to_name: 'Sari' },
    });
    expect(broadcast.response.status).toBe(201);

    const all = await client.GET('/v1/rooms');
    expect(all.response.status).toBe(200);
    expect(all.data?.data.map((room) => room.name)).toEqual(['Sari', 'Budi', 'Rina']);
    expect(all.data?.meta?.pagination).toMatchObject({ offset: 0, limit: 10, total: 3 });

    const campaign = await client.GET('/v1/rooms', { params: { query: { status: 'campaign' } } });
    expect(campaign.data?.data.map((room) => room.account_uniq_id)).toEqual(['6281299999999']);
    const unassigned = await client.GET('/v1/rooms', {
      params: { query: { status: 'unassigned', query: 'rin' } },
    });
    expect(unassigned.data?.data.map((room) => room.id)).toEqual([roomId]);
    const page = await client.GET('/v1/rooms', { params: { query: { offset: 1, limit: 1 } } });
    expect(page.data?.data.map((room) => room.id)).toEqual([support.roomId]);
    expect(page.data?.meta?.pagination).toMatchObject({ offset: 1, limit: 1, total: 3 });
    const open = await client.GET('/v1/rooms', {
      params: { query: { sessions: 'open', 'response_status[]': ['unresponded'] } },
    });
    expect(open.data?.data.map((room) => room.name)).toEqual(['Budi', 'Rina']);

    const bad = await client.GET('/v1/rooms', {
      params: { query: { status: 'closed' as 'resolved', start_date: '31/01/2026' } },
    });
    expect(bad.response.status).toBe(422);
    expect(messagesOf(bad.error)).toEqual([
      'status must be one of campaign, unassigned, assigned, resolved, deleted',
      'start_date must be a date, e.g. 2026-01-31',
    ]);
  });

  it('GET /v1/rooms/{id}, its histories (the agent reply included) and participants; 404 for an unknown room', async () => {
    const { client, roomId } = await withRoom(scheme);
    const room = await client.GET('/v1/rooms/{id}', { params: { path: { id: roomId } } });
    expect(room.data?.data).toMatchObject({
      id: roomId,
      name: 'Rina',
      status: 'unassigned',
      channel: 'wa_cloud',
      account_uniq_id: '6281234567890',
      session: 'open',
      tags: [],
    });
    const reply = await client.POST('/v1/messages/whatsapp', {
      body: { room_id: roomId, type: 'text', text: 'Hi Rina', local_id: 'mine-1' },
      bodySerializer: toFormData,
    });
    expect(reply.response.status).toBe(201);
    const histories = await client.GET('/v1/rooms/{id}/histories', { params: { path: { id: roomId } } });
    expect(histories.data?.data).toEqual([
      expect.objectContaining({ text: 'Halo', participant_type: 'customer' }),
      expect.objectContaining({
        id: reply.data?.data.id,
        text: 'Hi Rina',
        participant_type: 'agent',
        sender_id: DEMO_AGENT_ID,
        local_id: 'mine-1',
      }),
    ]);
    const participants = await client.GET('/v1/rooms/{id}/participants', {
      params: { path: { id: roomId } },
    });
    expect(participants.data?.data.map((p) => p.participant_type)).toEqual(['customer', 'bot']);

    for (const path of [
      '/v1/rooms/{id}',
      '/v1/rooms/{id}/histories',
      '/v1/rooms/{id}/participants',
    ] as const) {
      const unknown = await client.GET(path, { params: { path: { id: 'no-such-room' } } });
      expect(unknown.response.status).toBe(404);
      expect(unknown.error).toEqual({ status: 'error', error: { code: 404, messages: ['Room not found'] } });
    }
  });

  it('POST and DELETE /v1/rooms/{id}/tags, as JSON and as multipart; 422 without a tag', async () => {
    const { client, roomId } = await withRoom(scheme);
    const path = { id: roomId };
    const vip = await client.POST('/v1/rooms/{id}/tags', { params: { path }, body: { tag: 'vip' } });
    expect(vip.response.status).toBe(200);
    const late = await client.POST('/v1/rooms/{id}/tags', {
      params: { path },
      body: { tag: 'late-order' },
      bodySerializer: toFormData,
    });
    expect(late.response.status).toBe(200);
    const tagged = await client.GET('/v1/rooms', { params: { query: { 'tags[]': ['vip'] } } });
    expect(tagged.data?.data.map((room) => room.tags)).toEqual([['vip', 'late-order']]);
    const removed = await client.DELETE('/v1/rooms/{id}/tags', { params: { path }, body: { tag: 'vip' } });
    expect(removed.response.status).toBe(200);
    const room = await client.GET('/v1/rooms/{id}', { params: { path } });
    expect(room.data?.data.tags).toEqual(['late-order']);

    const empty = await client.POST('/v1/rooms/{id}/tags', {
      params: { path },
      body: { tag: '', name: 'x' } as { tag: string },
    });
    expect(empty.response.status).toBe(422);
    expect(messagesOf(empty.error)).toEqual(['name is not a permitted field', 'tag is required']);
    const unknown = await client.POST('/v1/rooms/{id}/tags', {
      params: { path: { id: 'no-such-room' } },
      body: { tag: 'vip' },
    });
    expect(unknown.response.status).toBe(404);
  });

  it('assigns agents, takes them off, takes the room over; lists its assignable agents', async () => {
    const { client, roomId } = await withRoom(scheme);
    const path = { id: roomId };
    const assignable = await client.GET('/v1/rooms/{id}/agents/assignable', { params: { path } });
    expect(assignable.data?.data.map((agent) => agent.id)).toEqual([DEMO_AGENT_ID, DEMO_SECOND_AGENT_ID]);
    const online = await client.GET('/v1/rooms/{id}/agents/assignable', {
      params: { path, query: { is_online: true } },
    });
    expect(online.data?.data.map((agent) => agent.full_name)).toEqual(['Demo Agent']);

    const assigned = await client.POST('/v1/rooms/{id}/agents/{user_id}', {
      params: { path: { id: roomId, user_id: DEMO_SECOND_AGENT_ID } },
    });
    expect(assigned.response.status).toBe(200);
    const mine = await client.GET('/v1/rooms', {
      params: { query: { 'user_ids[]': [DEMO_SECOND_AGENT_ID], status: 'assigned' } },
    });
    expect(mine.data?.data.map((room) => room.id)).toEqual([roomId]);
    const participants = await client.GET('/v1/rooms/{id}/participants', { params: { path } });
    expect(participants.data?.data.map((p) => [p.participant_type, p.name])).toEqual([
      ['customer', 'Rina'],
      ['bot', 'Demo Store'],
      ['agent', 'Second Agent'],
    ]);

    const off = await client.DELETE('/v1/rooms/{id}/agents/{user_id}', {
      params: { path: { id: roomId, user_id: DEMO_SECOND_AGENT_ID } },
    });
    expect(off.response.status).toBe(200);
    const again = await client.DELETE('/v1/rooms/{id}/agents/{user_id}', {
      params: { path: { id: roomId, user_id: DEMO_SECOND_AGENT_ID } },
    });
    expect(again.response.status).toBe(422);
    expect((await client.GET('/v1/rooms/{id}', { params: { path } })).data?.data.status).toBe('unassigned');

    const supervisor = await client.POST('/v1/rooms/{id}/agents/{user_id}', {
      params: { path: { id: roomId, user_id: DEMO_SUPERVISOR_ID } },
    });
    expect(supervisor.response.status).toBe(422);
    const nobody = await client.POST('/v1/rooms/{id}/agents/{user_id}', {
      params: { path: { id: roomId, user_id: 'no-such-user' } },
    });
    expect(nobody.error).toEqual({ status: 'error', error: { code: 404, messages: ['User not found'] } });

    const takeover = await client.POST('/v1/rooms/{id}/takeover', { params: { path } });
    expect(takeover.response.status).toBe(200);
    const taken = await client.GET('/v1/rooms', { params: { query: { 'user_ids[]': [DEMO_AGENT_ID] } } });
    expect(taken.data?.data.map((room) => room.status)).toEqual(['assigned']);
  });

  it('PUT /v1/rooms/{id}/mark_all_as_read, and PUT /v1/rooms/{id}/resolve once (422 the second time)', async () => {
    const { server, client, roomId } = await withRoom(scheme);
    server.receiveCustomerMessage({ from: '6281234567890', text: 'Anyone?' });
    const path = { id: roomId };
    const before = await client.GET('/v1/rooms/{id}', { params: { path } });
    expect(before.data?.data).toMatchObject({ unread_count: 2 });
    const read = await client.PUT('/v1/rooms/{id}/mark_all_as_read', { params: { path } });
    expect(read.response.status).toBe(200);
    expect((await client.GET('/v1/rooms/{id}', { params: { path } })).data?.data).toMatchObject({
      unread_count: 0,
    });

    const resolved = await client.PUT('/v1/rooms/{id}/resolve', { params: { path } });
    expect(resolved.response.status).toBe(200);
    expect(resolved.data?.data).toMatchObject({ status: 'resolved', resolved_by_id: DEMO_AGENT_ID });
    const twice = await client.PUT('/v1/rooms/{id}/resolve', { params: { path } });
    expect(twice.response.status).toBe(422);
    expect(messagesOf(twice.error)).toEqual(['room is already resolved']);
    const unknown = await client.PUT('/v1/rooms/{id}/resolve', { params: { path: { id: 'no-such-room' } } });
    expect(unknown.response.status).toBe(404);
  });
});
