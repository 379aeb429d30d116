import { errorEnvelopeReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { validateBotMessage } from './bot-message-validation';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';

/**
 * `POST /v1/messages/whatsapp/bot` (multipart/form-data): a message into a room as the bot. 201 with the
 * message in the envelope, or 422 naming each missing or bad field. Kept for `emulator.botMessages()`.
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
    return successReply(201, {
      id: record.id,
      type,
      room_id: roomId,
      text: text ?? null,
      file:
        file === undefined
          ? null
          : {
              url: `https://cdn.qontak.example/uploads/${record.id}/${encodeURIComponent(file.name)}`,
              filename: file.name,
              size: file.size,
              content_type: file.type,
            },
      status: 'created',
      participant_type: 'bot',
      organization_id: DEMO_ORGANIZATION_ID,
      created_at: new Date(createdAtMs).toISOString(),
    });
  },
};
