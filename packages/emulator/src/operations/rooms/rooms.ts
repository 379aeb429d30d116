import type { ApiOperation } from '../../api/operation';
import { listReply } from '../../api/pagination';
import { readRoomFilter } from './room-filters';
import { roomReply, withRoom } from './room-lookup';
import { roomWire } from './room-wire';

/** `GET /v1/rooms`: the rooms the emulator keeps, newest first, filtered (see {@link readRoomFilter}), one page. */
export const roomsOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/rooms$/,
  route: 'rooms',
  body: 'none',
  handle({ ctx, url }) {
    const filter = readRoomFilter(url);
    if (!filter.ok) return filter.reply;
    const now = ctx.options.clock();
    return listReply(
      url,
      () => ctx.rooms.list().filter((room) => filter.value(room, now)),
      (room) => roomWire(room, now),
    );
  },
};

/** `GET /v1/rooms/{id}`: one room, or 404. */
export const roomOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/rooms\/([^/]+)$/,
  route: 'room',
  body: 'none',
  handle(call) {
    return withRoom(call, (room) => roomReply(call, room));
  },
};
