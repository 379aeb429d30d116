import { performance } from 'node:perf_hooks';
import { logEntryWire } from '../operations/broadcasts/broadcast-wire';
import { messageWire, type MessageStatus } from '../operations/messages/message-wire';
import { roomWire } from '../operations/rooms/room-wire';
import { OUTBOUND_STATUSES, type StatusTimings } from '../state/message-status';
import type { RoomMessageRecord, RoomRecord, Rooms } from '../state/rooms';
import type { BroadcastRecord, MessageInteractionsRegistration, SentRecords } from '../state/sent-records';
import type { WebhookDispatcher } from './webhook-dispatcher';
import type { EmulatorWebhookEventName, EmulatorWebhookOutcome } from './webhook-delivery';

type MessageEventName = Exclude<EmulatorWebhookEventName, 'room_resolved'>;

const SKIPPED: EmulatorWebhookOutcome = { result: 'skipped', attempts: [] };

/**
 * Turns what happens in rooms into webhook events, each sent to the URL registered for it when its
 * flag is on at the moment it happens (the last `PUT` decides): a customer's message, a message sent
 * to a customer and then each of its statuses (`sent`, `delivered`, `read` at the `messageStatusAfterMs`
 * timings, on real timers, each once the one before it was delivered or given up), a broadcast's
 * delivery statuses, a resolved room. Events are Qontak's payloads: the message (or log entry, or
 * room) with `webhook_event` and `data_event`.
 */
export class WebhookOutbox {
  readonly #records: SentRecords;
  readonly #rooms: Rooms;
  readonly #dispatcher: WebhookDispatcher;
  readonly #clock: () => number;
  readonly #timings: StatusTimings;
  readonly #maxTimelines: number;
  #timelines = 0;

  constructor(
    records: SentRecords,
    rooms: Rooms,
    dispatcher: WebhookDispatcher,
    options: { clock: () => number; statusTimings: StatusTimings; maxQueued: number },
  ) {
    this.#records = records;
    this.#rooms = rooms;
    this.#dispatcher = dispatcher;
    this.#clock = options.clock;
    this.#timings = options.statusTimings;
    this.#maxTimelines = options.maxQueued;
  }

  /** A customer wrote into `room`: `receive_message_from_customer`. */
  customerMessage(room: RoomRecord, message: RoomMessageRecord): Promise<EmulatorWebhookOutcome> {
    return this.#messageEvent('receive_message_from_customer', room, message, 'created');
  }

  /** The bot (or an agent) wrote into `room`: `receive_message_from_agent`, then the message's statuses. */
  sentToCustomer(room: RoomRecord, message: RoomMessageRecord): Promise<EmulatorWebhookOutcome> {
    const started = performance.now();
    const delivery = this.#messageEvent('receive_message_from_agent', room, message, 'created');
    this.#statuses(room, message, undefined, started, delivery);
    return delivery;
  }

  /** A direct broadcast's message went into `room`: its statuses, as messages and as delivery-log entries. */
  broadcastSent(room: RoomRecord, message: RoomMessageRecord, broadcast: BroadcastRecord): void {
    this.#statuses(room, message, broadcast, performance.now(), Promise.resolve(SKIPPED));
  }

  /** `room` was resolved: `room_resolved` to the room webhook. */
  roomResolved(room: RoomRecord): Promise<EmulatorWebhookOutcome> {
    const registration = this.#records.webhooks().roomInteractions;
    if (!registration?.room_resolved) return Promise.resolve(SKIPPED);
    return this.#dispatcher.send({
      event: 'room_resolved',
      url: registration.url,
      payload: {
        ...roomWire(room, this.#clock()),
        webhook_event: 'room_interaction',
        data_event: 'room_resolved',
      },
    });
  }

  /** The message webhook's registration, when `event`'s flag is on in it. */
  #registrationFor(event: MessageEventName): MessageInteractionsRegistration | undefined {
    const registration = this.#records.webhooks().messageInteractions;
    return registration?.[event] ? registration : undefined;
  }

  #messageEvent(
    event: Exclude<MessageEventName, 'broadcast_log_status'>,
    room: RoomRecord,
    message: RoomMessageRecord,
    status: MessageStatus,
  ): Promise<EmulatorWebhookOutcome> {
    const registration = this.#registrationFor(event);
    if (registration === undefined) return Promise.resolve(SKIPPED);
    const payload = messageWire(room, message, status, this.#clock());
    return this.#dispatcher.send({
      event,
      url: registration.url,
      payload: { ...payload, webhook_event: 'message_interaction', data_event: event },
    });
  }

  /**
   * Sends the statuses of `message` (and of `broadcast`'s log entry) as they come, from `started` on,
   * after `before` settled; started only when a status event is on, at most `maxQueued` at once (past
   * that, listed as dropped).
   */
  #statuses(
    room: RoomRecord,
    message: RoomMessageRecord,
    broadcast: BroadcastRecord | undefined,
    started: number,
    before: Promise<unknown>,
  ): void {
    const registration = this.#records.webhooks().messageInteractions;
    const wanted =
      registration?.status_message || (broadcast !== undefined && registration?.broadcast_log_status);
    if (registration === null || !wanted) return;
    if (this.#timelines >= this.#maxTimelines) {
      void this.#dispatcher.drop({ event: 'status_message', url: registration.url }, 'queue_full');
      return;
    }
    this.#timelines += 1;
    void this.#timeline(room.id, message.id, broadcast, started, before).finally(() => {
      this.#timelines -= 1;
    });
  }

  async #timeline(
    roomId: string,
    messageId: string,
    broadcast: BroadcastRecord | undefined,
    started: number,
    before: Promise<unknown>,
  ): Promise<void> {
    const generation = this.#dispatcher.generation;
    await before;
    for (const status of OUTBOUND_STATUSES) {
      if (this.#dispatcher.generation !== generation) return;
      const left = started + this.#timings[status] - performance.now();
      if (left > 0 && !(await this.#dispatcher.wait(left))) return;
      const room = this.#rooms.get(roomId);
      const message = this.#rooms.message(messageId);
      if (room === undefined || message === undefined) return;
      const sends = [this.#messageEvent('status_message', room, message, status)];
      const registration = this.#registrationFor('broadcast_log_status');
      if (broadcast !== undefined && registration !== undefined) {
        sends.push(
          this.#dispatcher.send({
            event: 'broadcast_log_status',
            url: registration.url,
            payload: {
              ...logEntryWire(broadcast, status),
              webhook_event: 'message_interaction',
              data_event: 'broadcast_log_status',
            },
          }),
        );
      }
      await Promise.all(sends);
    }
  }
}
