import { errorEnvelopeReply, notFoundReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { sentByBot } from '../../state/rooms';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';
import { validateInteractiveMessage } from './interactive-message-validation';

/**
 * `POST /v1/messages/whatsapp/interactive_message/bot` (JSON): reply buttons or a list into a room as the
 * bot. 201 with the message (`type: interactive`, `text` the body) in the envelope, 404 for a room the
 * emulator does not keep, or 422 naming each missing or bad field. The message is kept in the room, with
 * `interactive` as sent, and delivered like a bot message.
 */
export const interactiveMessageOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/messages\/whatsapp\/interactive_message\/bot$/,
  route: 'interactive-message',
  body: 'json',
  handle({ ctx }, body) {
    const result = validateInteractiveMessage(body);
    if (!result.ok) return errorEnvelopeReply(422, result.messages);
    const { roomId, interactive } = result.value;
    const room = ctx.rooms.get(roomId);
    if (room === undefined) return notFoundReply('Room not found');
    const createdAtMs = ctx.options.clock();
    const text = typeof interactive['body'] === 'string' ? interactive['body'] : null;
    const message = ctx.rooms.add(room, {
      ...sentByBot(room),
      type: 'interactive',
      text,
      file: null,
      isCampaign: false,
      localId: null,
      interactive: structuredClone({ ...interactive, type: result.value.type }),
      createdAtMs,
    });
    void ctx.outbox.sentToCustomer(room, message);
    return successReply(201, {
      id: message.id,
      type: 'interactive',
      room_id: room.id,
      text,
      file: null,
      status: 'created',
      participant_type: 'bot',
      organization_id: DEMO_ORGANIZATION_ID,
      created_at: new Date(createdAtMs).toISOString(),
    });
  },
};
