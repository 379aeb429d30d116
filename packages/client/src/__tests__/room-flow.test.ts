import { DEMO_SECOND_AGENT_ID } from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { paginate } from '../paginate';
import { toFormData } from '../to-form-data';
import { authorizerFor, emulator, SCHEMES } from './support/schemes';
import { startWebhookSink } from './support/webhook-sink';

describe.each(SCHEMES)('a room from inbound message to resolved, with a %s', (scheme) => {
  it('inbound message -> list rooms -> histories -> agent reply -> tag -> assign -> resolve -> room webhook', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const sink = await startWebhookSink();
    const messageHooks = await client.PUT('/v1/message_interactions', {
      body: { receive_message_from_customer: true, receive_message_from_agent: true, url: sink.url },
    });
    const roomHooks = await client.PUT('/v1/room_interactions', {
      body: { room_resolved: true, url: sink.url },
    });
    expect([messageHooks.response.status, roomHooks.response.status]).toEqual([200, 200]);

    const inbound = server.receiveCustomerMessage({
      from: '6281234567890',
      name: 'Rina',
      text: 'Where is my order?',
    });
    const customerEvent = await sink.event('receive_message_from_customer');
    expect(customerEvent).toMatchObject({ room_id: inbound.roomId, text: 'Where is my order?' });

    const rooms = await client.GET('/v1/rooms', { params: { query: { status: 'unassigned' } } });
    const room = rooms.data?.data.find((r) => r.id === customerEvent['room_id']);
    expect(room).toMatchObject({ name: 'Rina', account_uniq_id: '6281234567890' });
    const id = room!.id;

    const histories = await client.GET('/v1/rooms/{id}/histories', { params: { path: { id } } });
    expect(histories.data?.data).toEqual([expect.objectContaining({ id: inbound.messageId })]);

    const reply = await client.POST('/v1/messages/whatsapp', {
      body: { room_id: id, type: 'text', text: 'It ships today.' },
      bodySerializer: toFormData,
    });
    expect(reply.response.status).toBe(201);
    const agentEvent = await sink.event('receive_message_from_agent');
    expect(agentEvent).toMatchObject({ id: reply.data?.data.id, room_id: id, participant_type: 'agent' });

    const tag = await client.POST('/v1/rooms/{id}/tags', {
      params: { path: { id } },
      body: { tag: 'shipping' },
    });
    const assign = await client.POST('/v1/rooms/{id}/agents/{user_id}', {
      params: { path: { id, user_id: DEMO_SECOND_AGENT_ID } },
    });
    const resolve = await client.PUT('/v1/rooms/{id}/resolve', { params: { path: { id } } });
    expect([tag.response.status, assign.response.status, resolve.response.status]).toEqual([200, 200, 200]);

    const resolved = await sink.event('room_resolved');
    expect(resolved).toMatchObject({
      id,
      status: 'resolved',
      tags: ['shipping'],
      webhook_event: 'room_interaction',
      data_event: 'room_resolved',
    });
    const histories2 = await client.GET('/v1/rooms/{id}/histories', { params: { path: { id } } });
    expect(histories2.data?.data.map((entry) => entry.id)).toEqual([inbound.messageId, reply.data?.data.id]);
    const all = [];
    for await (const listed of paginate(client, '/v1/rooms', { params: { query: { status: 'resolved' } } })) {
      all.push(listed.id);
    }
    expect(all).toEqual([id]);
  });
});
