import { errorEnvelopeReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { validateBotMessage } from './bot-message-validation';
import { sentByBot } from '../../state/rooms';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';

/**
 * `POST /v1/messages/whatsapp/bot` (multipart/form-data): a message into a room as the bot. 201 with the
 * message in the envelope, or 422 naming each missing or bad field. Kept for `emulator.botMessages()`;
 * into a room the emulator keeps (a customer's, a broadcast's), it is also kept in the room and delivered
 * as `receive_message_from_agent`, then its statuses as `status_message`, when registered. A room id the
 * emulator does not know is accepted and delivered nowhere.
 */
export const botMessageOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/messages\/whatsapp\/bot$/,
  route: 'bot-message',
  counts: 'botMessages',
  body: 'multipart',
  handle({ ctx, caller }, form) {
    const result = validateBotMessage(form);
    if (!result.ok) return errorEnvelopeReply(422, result.messages);
    const { roomId, type, text, file } = result.value;
    const createdAtMs = ctx.options.clock();
    const record = ctx.records.addBotMessage({
      credential: caller.credential,
      room_id: roomId,
      type,
      ...(text === undefined ? {} : { text }),
      ...(file === undefined ? {} : { file: { name: file.name, type: file.type, size: file.size } }),
      createdAtMs,
    });
    const fileWire =
      file === undefined
        ? null
        : {
            url: `https://cdn.qontak.example/uploads/${record.id}/${encodeURIComponent(file.name)}`,
            filename: file.name,
            size: file.size,
            content_type: file.type,
          };
    const room = ctx.rooms.get(roomId);
    if (room !== undefined) {
      const message = ctx.rooms.add(room, {
        id: record.id,
        ...sentByBot(room),
        type,
        text: text ?? null,
        file: fileWire,
        isCampaign: false,
        localId: null,
        createdAtMs,
      });
      void ctx.outbox.sentToCustomer(room, message);
    }
    return successReply(201, {
      id: record.id,
      type,
      room_id: roomId,
      text: text ?? null,
      file: fileWire && { ...fileWire },
      status: 'created',
      participant_type: 'bot',
      organization_id: DEMO_ORGANIZATION_ID,
      created_at: new Date(createdAtMs).toISOString(),
    });
  },
};
