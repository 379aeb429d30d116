import { randomUUID } from 'node:crypto';
import { BoundedRecords } from './bounded-records';
import type { CatalogIntegration } from './catalog';
import type { Contacts } from './contacts';

/** Where a room stands (the `RoomStatus` of the OpenAPI document). */
export type RoomStatus = 'campaign' | 'unassigned' | 'assigned' | 'resolved';

/** Who is on the sending side of a message. */
type ParticipantType = 'customer' | 'agent' | 'bot';

/** A file in a message, as Qontak renders it. */
export interface MessageFile {
  readonly url: string;
  readonly filename: string;
  readonly size: number;
  readonly content_type: string;
}

/**
 * A conversation with one customer (one phone number) on one channel integration: the fields of the
 * OpenAPI document's `Room` and `WebhookRoom`. Times are on the emulator's clock, in milliseconds.
 */
export interface RoomRecord {
  readonly id: string;
  readonly channelIntegrationId: string;
  /** The integration's `target_channel` (`wa_cloud`, `wa`). */
  readonly channel: string;
  /** The integration's account name. */
  readonly channelAccount: string;
  /** The customer's phone number, digits only. */
  readonly accountUniqId: string;
  /** The customer's contact id (the `contact_id` of the broadcasts sent to that number). */
  readonly contactId: string;
  readonly customerParticipantId: string;
  readonly botParticipantId: string;
  readonly createdAtMs: number;
  /** The customer's name. */
  name: string;
  status: RoomStatus;
  tags: string[];
  /** The customer's messages since the room was last read. */
  unreadCount: number;
  /** When the customer last wrote (it opens WhatsApp's 24-hour window); `null` before that. */
  sessionAtMs: number | null;
  updatedAtMs: number;
  resolvedAtMs: number | null;
  resolvedById: string | null;
  resolvedByType: string | null;
  /** The agents (user ids) the room is assigned to, in the order they were assigned. */
  agentIds: string[];
  /** Each agent's participant id in the room (user id to participant id), made when first needed. */
  readonly agentParticipants: Map<string, string>;
  /** Who sent the room's last message; `null` before any. */
  lastParticipantType: ParticipantType | null;
}

/** A message in a room. */
export interface RoomMessageRecord {
  readonly id: string;
  readonly roomId: string;
  readonly participantType: ParticipantType;
  /** The room's participant who sent it. */
  readonly participantId: string;
  /** Who sent it: a contact, a user or the organization's system account, with the name Qontak shows. */
  readonly sender: { readonly id: string; readonly type: string; readonly name: string };
  readonly type: string;
  readonly text: string | null;
  readonly file: MessageFile | null;
  /** Sent by a broadcast. */
  readonly isCampaign: boolean;
  /** The channel's id of the message (on WhatsApp a `wamid`); an outbound message shows it once sent. */
  readonly externalId: string;
  /** Your own id for the message (`local_id`), if the sender gave one. */
  readonly localId: string | null;
  /** The buttons or list of an interactive message, as sent. */
  readonly interactive?: Readonly<Record<string, unknown>>;
  readonly createdAtMs: number;
}

/**
 * A message to keep in a room: its fields, its id when it has one already (the bot message's answer's),
 * and its channel id when another record shows it already (a broadcast's delivery log).
 */
type NewMessage = Omit<RoomMessageRecord, 'id' | 'roomId' | 'externalId'> & {
  readonly id?: string;
  readonly externalId?: string;
};

/** The most bytes of message texts kept, all rooms together: 16 MiB. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** The id of the organization's system account, which sends the bot's and the broadcasts' messages. */
const SYSTEM_ACCOUNT_ID = '6dfd9ff2-f268-4024-949f-f899dd489274';

/** The sending side of a message the bot (or a broadcast) sends into `room`: its bot participant, under the business's name. */
export function sentByBot(
  room: RoomRecord,
): Pick<RoomMessageRecord, 'participantType' | 'participantId' | 'sender'> {
  return {
    participantType: 'bot',
    participantId: room.botParticipantId,
    sender: { id: SYSTEM_ACCOUNT_ID, type: 'Models::SystemAccount', name: room.channelAccount },
  };
}

/** The channel's id of message `id`: a WhatsApp `wamid`, the same each time it is asked for. */
export function whatsappMessageId(id: string): string {
  return `wamid.${Buffer.from(id, 'utf8').toString('base64')}`;
}

/**
 * The organization's rooms and their messages, until `clear()`: the newest `maxRecords` rooms and the
 * newest `maxRecords` messages (all rooms together, at most 16 MiB of their texts); older ones are
 * dropped, oldest first. A customer has one room per channel integration, found again by their number.
 */
export class Rooms {
  readonly #contacts: Contacts;
  /** Room ids by channel integration and customer number. */
  readonly #byCustomer = new Map<string, string>();
  readonly #rooms: BoundedRecords<RoomRecord>;
  readonly #messages: BoundedRecords<RoomMessageRecord>;

  constructor(maxRecords: number, contacts: Contacts) {
    this.#contacts = contacts;
    this.#rooms = new BoundedRecords(maxRecords, Number.POSITIVE_INFINITY, (_id, room) =>
      this.#byCustomer.delete(customerKey(room.channelIntegrationId, room.accountUniqId)),
    );
    this.#messages = new BoundedRecords(maxRecords, MAX_MESSAGE_BYTES);
  }

  get(id: string): RoomRecord | undefined {
    return this.#rooms.get(id);
  }

  message(id: string): RoomMessageRecord | undefined {
    return this.#messages.get(id);
  }

  /**
   * The room of the customer `number` (digits, with or without `+`) on `integration`, opened with
   * `status` and `name` when there is none.
   */
  roomOf(
    integration: CatalogIntegration,
    number: string,
    name: string,
    status: RoomStatus,
    now: number,
  ): RoomRecord {
    const digits = number.replace(/^\+/, '');
    const key = customerKey(integration.id, digits);
    const known = this.#byCustomer.get(key);
    const room = known === undefined ? undefined : this.#rooms.get(known);
    if (room !== undefined) return room;
    const opened: RoomRecord = {
      id: randomUUID(),
      channelIntegrationId: integration.id,
      channel: integration.targetChannel,
      channelAccount: integration.accountName,
      accountUniqId: digits,
      contactId: this.#contacts.idOf(digits),
      customerParticipantId: randomUUID(),
      botParticipantId: randomUUID(),
      createdAtMs: now,
      name,
      status,
      tags: [],
      unreadCount: 0,
      sessionAtMs: null,
      updatedAtMs: now,
      resolvedAtMs: null,
      resolvedById: null,
      resolvedByType: null,
      agentIds: [],
      agentParticipants: new Map(),
      lastParticipantType: null,
    };
    this.#rooms.add(opened.id, opened, 0);
    this.#byCustomer.set(key, opened.id);
    return opened;
  }

  /**
   * Keeps a message the customer sent into `room`: the room opens again if it was resolved or a
   * campaign's (`unassigned`), its session starts again, and it counts one more unread message.
   */
  receiveFromCustomer(
    room: RoomRecord,
    message: Omit<NewMessage, 'participantType' | 'participantId' | 'sender' | 'isCampaign'>,
  ): RoomMessageRecord {
    if (room.status === 'resolved' || room.status === 'campaign') reopen(room, 'unassigned');
    room.sessionAtMs = message.createdAtMs;
    room.unreadCount += 1;
    return this.add(room, {
      ...message,
      participantType: 'customer',
      participantId: room.customerParticipantId,
      sender: { id: room.contactId, type: 'Models::Contact', name: room.name },
      isCampaign: false,
    });
  }

  /** Keeps a message sent into `room` (by the bot, an agent or a broadcast). */
  add(room: RoomRecord, message: NewMessage): RoomMessageRecord {
    const id = message.id ?? randomUUID();
    const record: RoomMessageRecord = {
      ...message,
      id,
      roomId: room.id,
      externalId: message.externalId ?? whatsappMessageId(id),
    };
    room.updatedAtMs = Math.max(room.updatedAtMs, message.createdAtMs);
    room.lastParticipantType = message.participantType;
    const bytes =
      (record.text?.length ?? 0) +
      (record.file?.filename.length ?? 0) +
      (record.interactive === undefined ? 0 : JSON.stringify(record.interactive).length);
    this.#messages.add(id, record, bytes);
    return record;
  }

  /** The rooms kept, newest first. */
  list(): RoomRecord[] {
    return this.#rooms.values().reverse();
  }

  /** The messages kept of room `roomId`, oldest first. */
  messagesOf(roomId: string): RoomMessageRecord[] {
    return this.#messages.values().filter((message) => message.roomId === roomId);
  }

  /** The participant id of agent `userId` in `room`, the same each time. */
  agentParticipantId(room: RoomRecord, userId: string): string {
    let id = room.agentParticipants.get(userId);
    if (id === undefined) {
      id = randomUUID();
      room.agentParticipants.set(userId, id);
    }
    return id;
  }

  /** Assigns agent `userId` to `room` (once): the room reads `assigned`, opened again if it was resolved. */
  assign(room: RoomRecord, userId: string, now: number): void {
    if (!room.agentIds.includes(userId)) room.agentIds.push(userId);
    this.agentParticipantId(room, userId);
    if (room.status !== 'assigned') reopen(room, 'assigned');
    room.updatedAtMs = now;
  }

  /**
   * Takes agent `userId` off `room`: `false` when it was not assigned. A room left without agents reads
   * `unassigned` again (a resolved one stays resolved).
   */
  unassign(room: RoomRecord, userId: string, now: number): boolean {
    const at = room.agentIds.indexOf(userId);
    if (at < 0) return false;
    room.agentIds.splice(at, 1);
    if (room.agentIds.length === 0 && room.status === 'assigned') room.status = 'unassigned';
    room.updatedAtMs = now;
    return true;
  }

  /**
   * Resolves room `id` at `now`, by `by` (a user) when given: `'unknown'` for a room the emulator does not
   * know (or no longer keeps), `'already_resolved'` for one that is resolved, else the room.
   */
  resolve(id: string, now: number, by?: string): RoomRecord | 'unknown' | 'already_resolved' {
    const room = this.#rooms.get(id);
    if (room === undefined) return 'unknown';
    if (room.status === 'resolved') return 'already_resolved';
    room.status = 'resolved';
    room.resolvedAtMs = now;
    room.updatedAtMs = now;
    if (by !== undefined) {
      room.resolvedById = by;
      room.resolvedByType = 'Models::User';
    }
    return room;
  }

  clear(): void {
    this.#rooms.clear();
    this.#messages.clear();
    this.#byCustomer.clear();
  }
}

/** Opens `room` again with `status`, forgetting its resolution. */
function reopen(room: RoomRecord, status: RoomStatus): void {
  room.status = status;
  room.resolvedAtMs = null;
  room.resolvedById = null;
  room.resolvedByType = null;
}

function customerKey(integrationId: string, digits: string): string {
  return `${integrationId}\n${digits}`;
}
