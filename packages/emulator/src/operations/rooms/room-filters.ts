import { errorEnvelopeReply } from '../../api/envelope';
import { FieldErrors } from '../../api/field-checks';
import type { OrRefusal } from '../../server/reply';
import type { RoomRecord } from '../../state/rooms';
import { roomSession } from './room-wire';

const STATUSES = ['campaign', 'unassigned', 'assigned', 'resolved', 'deleted'];
const SESSIONS = ['open', 'expiring', 'expired'];
const RESPONSE_STATUSES = ['unresponded', 'responded'];
const ROOM_TYPE = 'Models::CustomerServiceRoom';
const ROOM_TYPES = [ROOM_TYPE, 'Models::CommentServiceRoom', 'Models::ReviewServiceRoom'];
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const BOOLEANS: Record<string, boolean> = { true: true, false: false };

/** Whether a room passes the filters at `now`. */
type RoomFilter = (room: RoomRecord, now: number) => boolean;

/** The values of array parameter `name`, sent as `name[]` (Rails) or `name`. */
function all(params: URLSearchParams, name: string): string[] {
  return [...params.getAll(`${name}[]`), ...params.getAll(name)];
}

function oneOf(values: string[], allowed: readonly string[], name: string, errors: FieldErrors): void {
  if (values.some((value) => !allowed.includes(value))) {
    errors.add(`${name} must be one of ${allowed.join(', ')}`);
  }
}

/** Midnight UTC of a `YYYY-MM-DD` date, or `undefined` with a message for anything else. */
function day(params: URLSearchParams, name: string, errors: FieldErrors): number | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  const match = DATE.exec(value);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    errors.add(`${name} must be a date, e.g. 2026-01-31`);
    return undefined;
  }
  return ms;
}

/**
 * The filters of `GET /v1/rooms` (its query: `query`, `status`, `sessions`, `tags[]`, `untagged`,
 * `user_ids[]`, `channels[]`, `response_status[]`, `type[]`, `start_date`, `end_date`; `time_offset` and
 * `cursor_direction` are read and ignored), each one that is given narrowing the list; a value out of
 * the document's enums, a boolean or date that is none, or a `time_offset` that is no integer is a 422
 * naming each bad parameter. A room is `unresponded` when the customer wrote its last message.
 */
export function readRoomFilter(url: URL): OrRefusal<RoomFilter> {
  const params = url.searchParams;
  const errors = new FieldErrors();
  const filters: RoomFilter[] = [];

  const query = params.get('query')?.trim().toLowerCase();
  if (query) {
    filters.push((room) => room.name.toLowerCase().includes(query) || room.accountUniqId.includes(query));
  }
  const status = params.get('status');
  if (status !== null && status !== '') {
    oneOf([status], STATUSES, 'status', errors);
    filters.push((room) => room.status === status);
  }
  const sessions = params.get('sessions');
  if (sessions !== null && sessions !== '') {
    oneOf([sessions], SESSIONS, 'sessions', errors);
    filters.push((room, now) => roomSession(room, now) === sessions);
  }
  const tags = all(params, 'tags');
  if (tags.length > 0) filters.push((room) => room.tags.some((tag) => tags.includes(tag)));
  const untagged = params.get('untagged');
  if (untagged !== null) {
    const wanted = BOOLEANS[untagged];
    if (wanted === undefined) errors.add('untagged must be true or false');
    else if (wanted) filters.push((room) => room.tags.length === 0);
  }
  const userIds = all(params, 'user_ids');
  if (userIds.length > 0) filters.push((room) => room.agentIds.some((id) => userIds.includes(id)));
  const channels = all(params, 'channels');
  if (channels.length > 0) filters.push((room) => channels.includes(room.channel));
  const responses = all(params, 'response_status');
  if (responses.length > 0) {
    oneOf(responses, RESPONSE_STATUSES, 'response_status', errors);
    filters.push((room) =>
      responses.includes(room.lastParticipantType === 'customer' ? 'unresponded' : 'responded'),
    );
  }
  const types = all(params, 'type');
  if (types.length > 0) {
    oneOf(types, ROOM_TYPES, 'type', errors);
    if (!types.includes(ROOM_TYPE)) filters.push(() => false);
  }
  const start = day(params, 'start_date', errors);
  if (start !== undefined) filters.push((room) => room.createdAtMs >= start);
  const end = day(params, 'end_date', errors);
  if (end !== undefined) filters.push((room) => room.createdAtMs < end + DAY_MS);
  const offset = params.get('time_offset');
  if (offset !== null && !/^[+-]?[0-9]{1,6}$/.test(offset)) errors.add('time_offset must be an integer');

  if (!errors.empty) return { ok: false, reply: errorEnvelopeReply(422, errors.messages) };
  return { ok: true, value: (room, now) => filters.every((filter) => filter(room, now)) };
}
