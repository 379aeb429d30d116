import { errorEnvelopeReply } from '../../api/envelope';
import { requiredStrings } from '../../api/field-checks';
import type { ApiCall, ApiOperation } from '../../api/operation';
import type { Reply } from '../../server/reply';
import type { RoomRecord } from '../../state/rooms';
import { roomReply, withRoom } from './room-lookup';

/** The most tags one room holds. */
const MAX_TAGS = 100;

/** The longest tag, in characters. */
const MAX_TAG_LENGTH = 255;

/**
 * Reads the tag of a tags request (JSON or multipart, the field `tag` alone: a non-blank string of at
 * most {@link MAX_TAG_LENGTH} characters) on the path's room, then runs `act` on both: 404 for an unknown
 * room, 422 naming each bad field.
 */
function withTag(call: ApiCall, body: unknown, act: (room: RoomRecord, tag: string) => Reply): Reply {
  return withRoom(call, (room) => {
    const checked = requiredStrings(body, ['tag']);
    if (!checked.ok) return errorEnvelopeReply(422, checked.messages);
    const { tag } = checked.value;
    if (tag.length > MAX_TAG_LENGTH) {
      return errorEnvelopeReply(422, [`tag must have at most ${MAX_TAG_LENGTH} characters`]);
    }
    return act(room, tag);
  });
}

/**
 * `POST /v1/rooms/{id}/tags` (`tag`, JSON or multipart): the room has the tag (once; a room holds at
 * most 100 tags, 422 past that). 200 with the room.
 */
export const addRoomTagOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/rooms\/([^/]+)\/tags$/,
  route: 'room-tag-add',
  body: 'json-or-multipart',
  handle(call, body) {
    return withTag(call, body, (room, tag) => {
      if (!room.tags.includes(tag)) {
        if (room.tags.length >= MAX_TAGS) {
          return errorEnvelopeReply(422, [`the room has ${MAX_TAGS} tags already`]);
        }
        room.tags.push(tag);
        room.updatedAtMs = call.ctx.options.clock();
      }
      return roomReply(call, room);
    });
  },
};

/** `DELETE /v1/rooms/{id}/tags` (`tag`, JSON or multipart): the room no longer has the tag (if it had). 200 with the room. */
export const removeRoomTagOperation: ApiOperation = {
  method: 'DELETE',
  path: /^\/v1\/rooms\/([^/]+)\/tags$/,
  route: 'room-tag-remove',
  body: 'json-or-multipart',
  handle(call, body) {
    return withTag(call, body, (room, tag) => {
      const at = room.tags.indexOf(tag);
      if (at >= 0) {
        room.tags.splice(at, 1);
        room.updatedAtMs = call.ctx.options.clock();
      }
      return roomReply(call, room);
    });
  },
};
