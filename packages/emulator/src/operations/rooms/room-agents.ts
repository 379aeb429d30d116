import { errorEnvelopeReply, notFoundReply } from '../../api/envelope';
import type { ApiCall, ApiOperation } from '../../api/operation';
import { listReply } from '../../api/pagination';
import type { Reply } from '../../server/reply';
import type { RoomRecord } from '../../state/rooms';
import { DEMO_AGENT_ID, SEED_USERS, seedUser, type SeedUser } from '../../state/seed-users';
import { readUserFilter } from '../users/user-filters';
import { userWire } from '../users/user-wire';
import { roomReply, withRoom } from './room-lookup';

/** Runs `act` on the path's room and the agent of its second parameter: 404 for either unknown, 422 for a user who is no agent. */
function withAgent(call: ApiCall, act: (room: RoomRecord, agent: SeedUser) => Reply): Reply {
  return withRoom(call, (room) => {
    const user = seedUser(call.params[1] ?? '');
    if (user === undefined) return notFoundReply('User not found');
    if (user.role !== 'agent') return errorEnvelopeReply(422, ['user_id must be an agent']);
    return act(room, user);
  });
}

/**
 * `POST /v1/rooms/{id}/agents/{user_id}` (no body): the agent is assigned to the room (once), which reads
 * `assigned` (opened again if it was resolved). 200 with the room; 404 for an unknown room or user, 422
 * for a user who is no agent.
 */
export const assignRoomAgentOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/rooms\/([^/]+)\/agents\/([^/]+)$/,
  route: 'room-agent-assign',
  body: 'none',
  handle(call) {
    return withAgent(call, (room, agent) => {
      call.ctx.rooms.assign(room, agent.id, call.ctx.options.clock());
      return roomReply(call, room);
    });
  },
};

/**
 * `DELETE /v1/rooms/{id}/agents/{user_id}` (no body): the agent is taken off the room, which reads
 * `unassigned` once it has no agent left. 200 with the room; 404 as for assigning, 422 for an agent not
 * assigned to it.
 */
export const unassignRoomAgentOperation: ApiOperation = {
  method: 'DELETE',
  path: /^\/v1\/rooms\/([^/]+)\/agents\/([^/]+)$/,
  route: 'room-agent-unassign',
  body: 'none',
  handle(call) {
    return withAgent(call, (room, agent) =>
      call.ctx.rooms.unassign(room, agent.id, call.ctx.options.clock())
        ? roomReply(call, room)
        : errorEnvelopeReply(422, ['user_id is not assigned to the room']),
    );
  },
};

/**
 * `POST /v1/rooms/{id}/takeover` (no body): the room is assigned to the seeded agent every credential acts
 * as (`DEMO_AGENT_ID`). 200 with the room, or 404.
 */
export const takeOverRoomOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/rooms\/([^/]+)\/takeover$/,
  route: 'room-takeover',
  body: 'none',
  handle(call) {
    return withRoom(call, (room) => {
      call.ctx.rooms.assign(room, DEMO_AGENT_ID, call.ctx.options.clock());
      return roomReply(call, room);
    });
  },
};

/**
 * `GET /v1/rooms/{id}/agents/assignable`: the seeded agents (every one handles WhatsApp), filtered by
 * `query` and `is_online`, one page; 404 for an unknown room.
 */
export const assignableRoomAgentsOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/rooms\/([^/]+)\/agents\/assignable$/,
  route: 'room-assignable-agents',
  body: 'none',
  handle(call) {
    return withRoom(call, () => {
      const filter = readUserFilter(call.url);
      if (!filter.ok) return filter.reply;
      const agents = SEED_USERS.filter((user) => user.role === 'agent' && filter.value(user));
      return listReply(call.url, () => agents, userWire);
    });
  },
};
