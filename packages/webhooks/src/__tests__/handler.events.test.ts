import { describe, expect, it } from 'vitest';
import { SECRET, startHandler } from './support/handler-fixture';
import {
  BROADCAST_LOG_STATUS,
  CUSTOMER_MESSAGE,
  EVENTS,
  LEGACY_AGENT_MESSAGE,
  LEGACY_CUSTOMER_MESSAGE,
  ROOM_RESOLVED,
} from './support/payloads';
import { post } from './support/requests';

describe('createQontakWebhookHandler, with the events Qontak sends', () => {
  it.each(EVENTS)('hands over %s as Qontak sent it and answers 200', async (_name, payload) => {
    const { url, events } = await startHandler();
    const answer = await post(url, payload);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'received' });
    expect(events).toEqual([payload]);
  });

  it('hands over the older customer payload (no data_event) as receive_message_from_customer', async () => {
    const { url, events } = await startHandler();
    expect((await post(url, LEGACY_CUSTOMER_MESSAGE)).status).toBe(200);
    expect(events).toEqual([{ ...LEGACY_CUSTOMER_MESSAGE, data_event: 'receive_message_from_customer' }]);
  });

  it('hands over the older payload of an agent or a bot as it is, without data_event', async () => {
    const { url, events } = await startHandler();
    const bot = { ...LEGACY_AGENT_MESSAGE, id: 'a9fb2a77', participant_type: 'bot', is_campaign: true };
    expect((await post(url, LEGACY_AGENT_MESSAGE)).status).toBe(200);
    expect((await post(url, bot)).status).toBe(200);
    expect(events).toEqual([LEGACY_AGENT_MESSAGE, bot]);
    expect(events.map((event) => event.data_event)).toEqual([undefined, undefined]);
  });

  it('keeps the fields Qontak adds, at the top and inside the room', async () => {
    const { url, events } = await startHandler();
    const later = {
      ...CUSTOMER_MESSAGE,
      reaction: { emoji: '👍' },
      room: { ...CUSTOMER_MESSAGE.room, agent_ids: ['u1'], extra: { is_participant_online: true } },
    };
    expect((await post(url, later)).status).toBe(200);
    expect(events).toEqual([later]);
  });

  it('takes application/json with a charset, and a body without a content type', async () => {
    const { url, events } = await startHandler();
    const charset = await post(url, CUSTOMER_MESSAGE, { contentType: 'application/json; charset=utf-8' });
    const bare = await fetch(url, { method: 'POST', body: new Blob([JSON.stringify(BROADCAST_LOG_STATUS)]) });
    expect([charset.status, bare.status]).toEqual([200, 200]);
    expect(events.map((event) => event.data_event)).toEqual([
      'receive_message_from_customer',
      'broadcast_log_status',
    ]);
  });
});

/** A customer message whose text holds a byte that is not UTF-8 (valid JSON otherwise). */
const NOT_UTF8 = (() => {
  const [before, after] = JSON.stringify(CUSTOMER_MESSAGE).split('helo') as [string, string];
  return Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]);
})();

describe('createQontakWebhookHandler, with a body that is not a Qontak event', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['not JSON', '{"id": "4198c4b2", ', 'invalid_json', /JSON/],
    ['JSON that is not UTF-8', NOT_UTF8, 'invalid_json', /UTF-8/],
    ['a JSON array', [CUSTOMER_MESSAGE], 'invalid_event', /not a JSON object/],
    [
      'an unknown data_event',
      { ...CUSTOMER_MESSAGE, data_event: 'message_deleted' },
      'invalid_event',
      /data_event/,
    ],
    [
      'a data_event that is not a string',
      { ...CUSTOMER_MESSAGE, data_event: 7 },
      'invalid_event',
      /data_event/,
    ],
    [
      'a message id that is a number',
      { ...CUSTOMER_MESSAGE, id: 4198 },
      'invalid_event',
      /^id is not string$/,
    ],
    [
      'a message without room_id',
      { ...CUSTOMER_MESSAGE, room_id: undefined },
      'invalid_event',
      /^room_id is missing$/,
    ],
    [
      'a room whose id is null',
      { ...CUSTOMER_MESSAGE, room: { id: null } },
      'invalid_event',
      /^room\.id is not string$/,
    ],
    [
      'text that is an object',
      { ...CUSTOMER_MESSAGE, text: { body: 'helo' } },
      'invalid_event',
      /^text is not/,
    ],
    [
      'a status event without status',
      { ...CUSTOMER_MESSAGE, data_event: 'status_message', status: undefined },
      'invalid_event',
      /^status is missing$/,
    ],
    [
      'a broadcast log without its broadcast',
      { ...BROADCAST_LOG_STATUS, messages_broadcast_id: undefined },
      'invalid_event',
      /^messages_broadcast_id is missing$/,
    ],
    [
      'a room event with another webhook_event',
      { ...ROOM_RESOLVED, webhook_event: 'message_interaction' },
      'invalid_event',
      /^webhook_event is not "room_interaction"$/,
    ],
    [
      'an older payload with webhook_event but no data_event',
      { ...LEGACY_CUSTOMER_MESSAGE, webhook_event: 'message_interaction' },
      'invalid_event',
      /^webhook_event is not allowed$/,
    ],
    ['an empty object', {}, 'invalid_event', /^id is missing$/],
  ];

  it.each(cases)(
    'answers 400 to %s, naming the field, and hands nothing over',
    async (_case, body, error, detail) => {
      const { url, events, logs } = await startHandler();
      const answer = await post(url, body);
      expect(answer.status).toBe(400);
      expect(answer.json['error']).toBe(error);
      expect(answer.json['detail']).toMatch(detail);
      expect(events).toEqual([]);
      expect(logs.filter((line) => line.level === 'warn')).toHaveLength(1);
      expect(JSON.stringify(logs) + answer.text).not.toContain(SECRET);
    },
  );
});
