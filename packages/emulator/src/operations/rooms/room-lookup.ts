import { notFoundReply, successReply } from '../../api/envelope';
import type { ApiCall } from '../../api/operation';
import type { Reply } from '../../server/reply';
import type { RoomRecord } from '../../state/rooms';
import { roomWire } from './room-wire';

/** Runs `act` on the room of the path's first parameter, or answers 404 `["Room not found"]`. */
export function withRoom(call: ApiCall, act: (room: RoomRecord) => Reply): Reply {
  const room = call.ctx.rooms.get(call.params[0] ?? '');
  return room === undefined ? notFoundReply('Room not found') : act(room);
}

/** 200 with `room` as it stands now: the answer of an action on a room. */
export function roomReply(call: ApiCall, room: RoomRecord): Reply {
  return successReply(200, roomWire(room, call.ctx.options.clock()));
}
