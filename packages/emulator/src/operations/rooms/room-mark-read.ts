import type { ApiOperation } from '../../api/operation';
import { roomReply, withRoom } from './room-lookup';

/** `PUT /v1/rooms/{id}/mark_all_as_read` (no body): the room's `unread_count` goes to 0. 200 with the room, or 404. */
export const markRoomAsReadOperation: ApiOperation = {
  method: 'PUT',
  path: /^\/v1\/rooms\/([^/]+)\/mark_all_as_read$/,
  route: 'room-mark-read',
  body: 'none',
  handle(call) {
    return withRoom(call, (room) => {
      room.unreadCount = 0;
      return roomReply(call, room);
    });
  },
};
