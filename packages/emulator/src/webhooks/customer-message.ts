import type { EmulatorContext } from '../server/context';
import { echoed } from '../server/echoed-value';
import { isJsonObject } from '../server/json';
import { WHATSAPP_CHANNELS } from '../state/catalog';
import type { EmulatorWebhookTrigger } from './webhook-delivery';

/** A message a customer sends on WhatsApp, for `emulator.receiveCustomerMessage`. */
export interface EmulatorCustomerMessage {
  /** The customer's phone number: 5 to 15 digits, with an optional leading `+`. */
  from: string;
  /** The customer's WhatsApp name, 1 to 256 characters: the room's name. Default: the room's name so far, else `from`. */
  name?: string;
  /** The message's text, 1 to 4096 characters (WhatsApp's limit). */
  text: string;
  /**
   * The WhatsApp channel integration (`wa_cloud` or `wa`) it arrives on. Default: the first one of
   * `integrations` (`DEMO_CHANNEL_INTEGRATION_ID` with the seeded catalog).
   */
  channelIntegrationId?: string;
}

/** What `emulator.receiveCustomerMessage` returns: where the message went, and its delivery. */
export interface EmulatorInboundMessage extends EmulatorWebhookTrigger {
  /** The customer's room (the `room_id` to answer in). */
  readonly roomId: string;
  /** The message's id (the event's `id`). */
  readonly messageId: string;
}

const PHONE_NUMBER = /^\+?[0-9]{5,15}$/;
const MAX_NAME_LENGTH = 256;
const MAX_TEXT_LENGTH = 4096;

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new TypeError(`@qontak/emulator: ${field} must be a string`);
  if (value.trim() === '' || value.length > max) {
    throw new RangeError(`@qontak/emulator: ${field} must have 1 to ${max} characters`);
  }
  return value;
}

/**
 * A customer's WhatsApp message arrives: it goes into the customer's room on the channel integration
 * (opened, `unassigned`, when the customer has none there; opened again when it was resolved or a
 * campaign's), and `receive_message_from_customer` is delivered when registered.
 * @throws {TypeError} when the message is not an object or a field is not a string.
 * @throws {RangeError} for a `from` that is no phone number, an empty or too long `name` or `text`, a
 *   `channelIntegrationId` that is no WhatsApp integration of the emulator, or a customer blocked with
 *   `POST /v1/contact_block`.
 */
export function receiveCustomerMessage(
  ctx: EmulatorContext,
  message: EmulatorCustomerMessage,
): EmulatorInboundMessage {
  if (!isJsonObject(message)) throw new TypeError('@qontak/emulator: the customer message must be an object');
  const { from } = message;
  if (typeof from !== 'string') throw new TypeError('@qontak/emulator: from must be a string');
  if (!PHONE_NUMBER.test(from)) {
    throw new RangeError(
      '@qontak/emulator: from must be a phone number: 5 to 15 digits, with an optional leading +',
    );
  }
  const name = message.name === undefined ? undefined : text(message.name, 'name', MAX_NAME_LENGTH);
  const body = text(message.text, 'text', MAX_TEXT_LENGTH);
  const whatsapp = ctx.catalog.integrations().filter((i) => WHATSAPP_CHANNELS.includes(i.targetChannel));
  const integration =
    message.channelIntegrationId === undefined
      ? whatsapp[0]
      : whatsapp.find((i) => i.id === text(message.channelIntegrationId, 'channelIntegrationId', 256));
  if (integration === undefined) {
    throw new RangeError(
      `@qontak/emulator: channelIntegrationId ${echoed(message.channelIntegrationId ?? '(default)')} is no WhatsApp (wa_cloud or wa) integration of the emulator`,
    );
  }
  if (ctx.contacts.isBlocked(ctx.contacts.idOf(from))) {
    throw new RangeError(`@qontak/emulator: the customer ${echoed(from)} is blocked`);
  }
  const now = ctx.options.clock();
  const room = ctx.rooms.roomOf(integration, from, name ?? from.replace(/^\+/, ''), 'unassigned', now);
  if (name !== undefined) room.name = name;
  const received = ctx.rooms.receiveFromCustomer(room, {
    type: 'text',
    text: body,
    file: null,
    localId: null,
    createdAtMs: now,
  });
  return { roomId: room.id, messageId: received.id, delivery: ctx.outbox.customerMessage(room, received) };
}
