import { errorEnvelopeReply, notFoundReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { DEMO_AGENT_ID } from '../../state/seed-users';
import { resolveKeptRoom } from '../../webhooks/resolve-room';
import { roomReply } from './room-lookup';

/**
 * `PUT /v1/rooms/{id}/resolve` (no body): resolves the room as the seeded agent every credential acts as
 * (`DEMO_AGENT_ID`) and delivers `room_resolved` when registered, as `emulator.resolveRoom` does. 200 with
 * the room, 404 for an unknown room, 422 for a resolved one.
 */
export const resolveRoomOperation: ApiOperation = {
  method: 'PUT',
  path: /^\/v1\/rooms\/([^/]+)\/resolve$/,
  route: 'room-resolve',
  body: 'none',
  handle(call) {
    const resolved = resolveKeptRoom(call.ctx, call.params[0] ?? '', DEMO_AGENT_ID);
    if (resolved === 'unknown') return notFoundReply('Room not found');
    if (resolved === 'already_resolved') return errorEnvelopeReply(422, ['room is already resolved']);
    return roomReply(call, resolved.room);
  },
};
