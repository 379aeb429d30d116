import { errorEnvelopeReply, notFoundReply, successReply } from '../../api/envelope';
import { requiredStrings } from '../../api/field-checks';
import type { ApiOperation } from '../../api/operation';

/**
 * `POST /v1/contact_block` (JSON `{ room_id, reason }`, both required): the room's customer is blocked,
 * and `emulator.receiveCustomerMessage` refuses their messages until unblocked. 201 with
 * `{ contact_id, room_id, reason }`, 404 for an unknown room, 422 naming each bad field.
 */
export const blockContactOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/contact_block$/,
  route: 'contact-block',
  body: 'json',
  handle({ ctx }, body) {
    const checked = requiredStrings(body, ['room_id', 'reason']);
    if (!checked.ok) return errorEnvelopeReply(422, checked.messages);
    const { room_id: roomId, reason } = checked.value;
    const room = ctx.rooms.get(roomId);
    if (room === undefined) return notFoundReply('Room not found');
    ctx.contacts.block(room.contactId);
    return successReply(201, { contact_id: room.contactId, room_id: room.id, reason });
  },
};

/**
 * `DELETE /v1/contact_block/{contact_id}` (JSON `{ room_id }`, required): the customer is no longer
 * blocked. 200 with `{ contact_id, room_id }`, 404 for a contact that is not blocked or an unknown room,
 * 422 naming each bad field.
 */
export const unblockContactOperation: ApiOperation = {
  method: 'DELETE',
  path: /^\/v1\/contact_block\/([^/]+)$/,
  route: 'contact-unblock',
  body: 'json',
  handle({ ctx, params }, body) {
    const checked = requiredStrings(body, ['room_id']);
    if (!checked.ok) return errorEnvelopeReply(422, checked.messages);
    const contactId = params[0] ?? '';
    if (ctx.rooms.get(checked.value.room_id) === undefined) return notFoundReply('Room not found');
    if (!ctx.contacts.unblock(contactId)) return notFoundReply('Blocked contact not found');
    return successReply(200, { contact_id: contactId, room_id: checked.value.room_id });
  },
};
