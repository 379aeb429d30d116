import { successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { statusAfter } from '../../state/message-status';
import { messageWire } from '../messages/message-wire';
import { withRoom } from './room-lookup';

/**
 * `GET /v1/rooms/{id}/histories`: the messages the emulator keeps of a room, oldest first, each as its
 * webhook events render it without the room, with its status now (a message sent to the customer goes
 * `created`, `sent`, `delivered`, `read` at the `messageStatusAfterMs` timings, on the clock). 404 for
 * an unknown room.
 */
export const roomHistoriesOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/rooms\/([^/]+)\/histories$/,
  route: 'room-histories',
  body: 'none',
  handle(call) {
    const { ctx } = call;
    return withRoom(call, (room) => {
      const now = ctx.options.clock();
      const entries = ctx.rooms.messagesOf(room.id).map((message) => {
        const status =
          message.participantType === 'customer'
            ? 'created'
            : (statusAfter(now - message.createdAtMs, ctx.options.statusTimings) ?? 'created');
        const { room: _room, ...entry } = messageWire(room, message, status, now);
        return entry;
      });
      return successReply(200, entries);
    });
  },
};
