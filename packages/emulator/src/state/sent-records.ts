import { randomUUID } from 'node:crypto';
import { BoundedRecords } from './bounded-records';
import type { Contacts } from './contacts';
import type { TemplateHeaderFormat } from './catalog';
import type { EmulatorCredentialKind } from '../auth/credential-kind';

/** A direct broadcast body as the API accepted it (`POST .../v1/broadcasts/whatsapp/direct`). */
export interface DirectBroadcastRequest {
  to_number: string;
  to_name: string;
  message_template_id: string;
  channel_integration_id: string;
  language: { code: string };
  parameters?: {
    header?: { format: TemplateHeaderFormat; params: { key: string; value: string; filename?: string }[] };
    body?: { key: string; value: string; value_text: string }[];
    buttons?: { index: string; type: string; value: string }[];
  };
}

/** An accepted direct broadcast, as `emulator.sent()` returns it: the body as sent, its id and who sent it. */
export type SentBroadcast = DirectBroadcastRequest & {
  /** The broadcast id the API answered with (`data.id`). */
  id: string;
  /** The kind of credential that sent it (never the credential itself). */
  credential: EmulatorCredentialKind;
};

/** An accepted bot message, as `emulator.botMessages()` returns it. */
export interface SentBotMessage {
  /** The message id the API answered with (`data.id`). */
  id: string;
  credential: EmulatorCredentialKind;
  room_id: string;
  /** `'text'` when the request gave none. */
  type: string;
  text?: string;
  /** The uploaded file's name, media type and size in bytes. */
  file?: { name: string; type: string; size: number };
}

/** `PUT .../v1/message_interactions` as registered (an absent flag is `false`). */
export interface MessageInteractionsRegistration {
  receive_message_from_agent: boolean;
  receive_message_from_customer: boolean;
  status_message: boolean;
  broadcast_log_status: boolean;
  url: string;
  credential: EmulatorCredentialKind;
}

/** `PUT .../v1/room_interactions` as registered (an absent flag is `false`). */
export interface RoomInteractionsRegistration {
  room_resolved: boolean;
  url: string;
  credential: EmulatorCredentialKind;
}

/** The webhook registrations, as `emulator.webhooks()` returns them (`null` until registered). */
export interface EmulatorWebhooks {
  messageInteractions: MessageInteractionsRegistration | null;
  roomInteractions: RoomInteractionsRegistration | null;
}

/** One accepted broadcast, kept for its log and for `emulator.sent()`. */
export interface BroadcastRecord {
  readonly id: string;
  readonly credential: EmulatorCredentialKind;
  readonly request: DirectBroadcastRequest;
  readonly contactId: string;
  /** The id of the broadcast's one log entry. */
  readonly logEntryId: string;
  /** On the emulator's clock, in milliseconds. */
  readonly createdAtMs: number;
}

/** One accepted bot message. */
interface BotMessageRecord extends SentBotMessage {
  readonly createdAtMs: number;
}

/** The most bytes of accepted bodies kept of each kind (broadcasts, bot messages): 16 MiB. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * What users' code sent through the API, until `reset()`: the newest `maxRecords` broadcasts and bot
 * messages (each kind, and at most {@link MAX_RECORD_BYTES} of their bodies; older ones are dropped,
 * oldest first), and the last registration of each webhook.
 */
export class SentRecords {
  readonly #broadcasts: BoundedRecords<BroadcastRecord>;
  readonly #botMessages: BoundedRecords<BotMessageRecord>;
  readonly #contacts: Contacts;
  #messageInteractions: MessageInteractionsRegistration | null = null;
  #roomInteractions: RoomInteractionsRegistration | null = null;
  #messageWebhookId: string | undefined;
  #roomWebhookId: string | undefined;

  constructor(maxRecords: number, contacts: Contacts) {
    this.#broadcasts = new BoundedRecords(maxRecords, MAX_RECORD_BYTES);
    this.#botMessages = new BoundedRecords(maxRecords, MAX_RECORD_BYTES);
    this.#contacts = contacts;
  }

  /** Keeps an accepted broadcast; the recipient's contact id is its number's. */
  addBroadcast(
    request: DirectBroadcastRequest,
    credential: EmulatorCredentialKind,
    createdAtMs: number,
  ): BroadcastRecord {
    const record: BroadcastRecord = {
      id: randomUUID(),
      credential,
      request: structuredClone(request),
      contactId: this.#contacts.idOf(request.to_number),
      logEntryId: randomUUID(),
      createdAtMs,
    };
    this.#broadcasts.add(record.id, record, JSON.stringify(record.request).length);
    return record;
  }

  broadcast(id: string): BroadcastRecord | undefined {
    return this.#broadcasts.get(id);
  }

  /** The accepted direct broadcasts kept, oldest first. */
  broadcasts(): BroadcastRecord[] {
    return this.#broadcasts.values();
  }

  /** Copies of the accepted broadcasts, oldest first. */
  sent(): SentBroadcast[] {
    return this.#broadcasts.values().map(({ id, credential, request }) => ({
      ...structuredClone(request),
      id,
      credential,
    }));
  }

  addBotMessage(message: Omit<BotMessageRecord, 'id'>): BotMessageRecord {
    const record: BotMessageRecord = { ...message, id: randomUUID() };
    const bytes = record.room_id.length + (record.text?.length ?? 0) + (record.file?.name.length ?? 0);
    this.#botMessages.add(record.id, record, bytes);
    return record;
  }

  /** Copies of the accepted bot messages, oldest first. */
  botMessages(): SentBotMessage[] {
    return this.#botMessages
      .values()
      .map(({ createdAtMs: _createdAtMs, file, ...message }) =>
        file === undefined ? { ...message } : { ...message, file: { ...file } },
      );
  }

  /** Registers the message-interactions webhook; returns its webhook id (kept across re-registrations). */
  setMessageInteractions(registration: MessageInteractionsRegistration): string {
    this.#messageInteractions = { ...registration };
    this.#messageWebhookId ??= randomUUID();
    return this.#messageWebhookId;
  }

  /** Registers the room-interactions webhook; returns its webhook id (kept across re-registrations). */
  setRoomInteractions(registration: RoomInteractionsRegistration): string {
    this.#roomInteractions = { ...registration };
    this.#roomWebhookId ??= randomUUID();
    return this.#roomWebhookId;
  }

  /** Copies of the webhook registrations. */
  webhooks(): EmulatorWebhooks {
    return {
      messageInteractions: this.#messageInteractions && { ...this.#messageInteractions },
      roomInteractions: this.#roomInteractions && { ...this.#roomInteractions },
    };
  }

  /** The id of each registered webhook, kept across re-registrations (`undefined` until registered). */
  webhookIds(): { messageInteractions: string | undefined; roomInteractions: string | undefined } {
    return { messageInteractions: this.#messageWebhookId, roomInteractions: this.#roomWebhookId };
  }

  /** Forgets everything. */
  clear(): void {
    this.#broadcasts.clear();
    this.#botMessages.clear();
    this.#messageInteractions = null;
    this.#roomInteractions = null;
    this.#messageWebhookId = undefined;
    this.#roomWebhookId = undefined;
  }
}
