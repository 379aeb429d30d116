import { errorEnvelopeReply, notFoundReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import type { MessageFile } from '../../state/rooms';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';
import { DEMO_AGENT_ID, seedUser } from '../../state/seed-users';
import { validateAgentMessage } from './agent-message-validation';

/**
 * `POST /v1/messages/whatsapp` (multipart/form-data): a message into a room as the seeded agent every
 * credential acts as (`DEMO_AGENT_ID`). 201 with the message in the envelope, 404 for a room the emulator
 * does not keep, or 422 naming each missing or bad field. The message is kept in the room (its file among
 * the uploads, served at its `file.url`) and delivered as `receive_message_from_agent`, then its statuses
 * as `status_message`, when registered.
 */
export const agentMessageOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/messages\/whatsapp$/,
  route: 'agent-message',
  body: 'multipart',
  async handle({ ctx }, form) {
    const result = validateAgentMessage(form);
    if (!result.ok) return errorEnvelopeReply(422, result.messages);
    const { roomId, type, text, file, extras } = result.value;
    const room = ctx.rooms.get(roomId);
    if (room === undefined) return notFoundReply('Room not found');
    let fileWire: MessageFile | null = null;
    if (file !== undefined) {
      const uploaded = await ctx.uploads.add(file);
      fileWire = {
        url: uploaded.url,
        filename: uploaded.file.filename,
        size: uploaded.file.bytes.byteLength,
        content_type: uploaded.file.contentType,
      };
    }
    const createdAtMs = ctx.options.clock();
    const message = ctx.rooms.add(room, {
      participantType: 'agent',
      participantId: ctx.rooms.agentParticipantId(room, DEMO_AGENT_ID),
      sender: { id: DEMO_AGENT_ID, type: 'Models::User', name: seedUser(DEMO_AGENT_ID)?.fullName ?? '' },
      type,
      text: text ?? null,
      file: fileWire,
      isCampaign: false,
      localId: extras['local_id'] ?? null,
      createdAtMs,
    });
    void ctx.outbox.sentToCustomer(room, message);
    return successReply(201, {
      id: message.id,
      type,
      room_id: room.id,
      text: message.text,
      file: fileWire && { ...fileWire },
      status: 'created',
      participant_type: 'agent',
      organization_id: DEMO_ORGANIZATION_ID,
      local_id: message.localId,
      created_at: new Date(createdAtMs).toISOString(),
    });
  },
};
