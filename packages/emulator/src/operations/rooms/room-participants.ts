import { successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { seedUser } from '../../state/seed-users';
import { withRoom } from './room-lookup';

/**
 * `GET /v1/rooms/{id}/participants`: the room's customer, its bot (under the channel's account name) and
 * the agents assigned to it, each `{ id, name, participant_type }` with the customer's `contact_id` or the
 * agent's `user_id`. 404 for an unknown room.
 */
export const roomParticipantsOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/rooms\/([^/]+)\/participants$/,
  route: 'room-participants',
  body: 'none',
  handle(call) {
    return withRoom(call, (room) =>
      successReply(200, [
        {
          id: room.customerParticipantId,
          name: room.name,
          participant_type: 'customer',
          contact_id: room.contactId,
        },
        { id: room.botParticipantId, name: room.channelAccount, participant_type: 'bot' },
        ...room.agentIds.map((userId) => ({
          id: call.ctx.rooms.agentParticipantId(room, userId),
          name: seedUser(userId)?.fullName ?? null,
          participant_type: 'agent',
          user_id: userId,
        })),
      ]),
    );
  },
};
