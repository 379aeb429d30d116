import type { EmulatorCredentialKind } from '../auth/credential-kind';
import { BoundedRecords } from './bounded-records';
import type { BroadcastRecord, DirectBroadcastRequest } from './sent-records';

/** How a broadcast to a contact list is sent: now, or at `send_at`. */
export type ExecuteType = 'immediately' | 'specific';

/** A broadcast to a contact list as the API accepted it (`POST .../v1/broadcasts/whatsapp`). */
export interface ContactListBroadcastRequest extends Omit<DirectBroadcastRequest, 'to_number' | 'to_name'> {
  name: string;
  contact_list_id: string;
  execute_type: ExecuteType;
  send_at?: string;
}

/** An accepted broadcast to a contact list. Times are on the emulator's clock, in milliseconds. */
export interface ListBroadcastRecord {
  readonly id: string;
  readonly credential: EmulatorCredentialKind;
  readonly request: ContactListBroadcastRequest;
  readonly createdAtMs: number;
  /** When it is sent: `createdAtMs`, or `send_at` when that is later. */
  readonly sendAtMs: number;
  /**
   * One per contact of the list: the message that contact gets, shaped like a direct broadcast's record
   * (under this broadcast's id, dated `sendAtMs`), so that its log entry and its statuses are a direct
   * broadcast's.
   */
  readonly recipients: readonly BroadcastRecord[];
}

/** The most bytes of recipients kept, all broadcasts to lists together: 16 MiB. */
const MAX_RECIPIENT_BYTES = 16 * 1024 * 1024;

/**
 * The accepted broadcasts to contact lists, until `clear()`: the newest `maxRecords` (and at most 16 MiB of
 * their recipients; older ones are dropped, oldest first), and the timers of those still to be sent at
 * their `send_at`, which `clear()` and `close()` cancel (as does dropping the broadcast).
 */
export class ListBroadcasts {
  readonly #broadcasts: BoundedRecords<ListBroadcastRecord>;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #closed = false;

  constructor(maxRecords: number) {
    this.#broadcasts = new BoundedRecords(maxRecords, MAX_RECIPIENT_BYTES, (id) => this.#cancel(id));
  }

  /** Keeps an accepted broadcast. */
  add(record: ListBroadcastRecord): void {
    let bytes = 0;
    for (const recipient of record.recipients) bytes += JSON.stringify(recipient.request).length;
    this.#broadcasts.add(record.id, record, bytes);
  }

  /**
   * Runs `send` in `delayMs` (at most 2147483647) on a real timer, unless the broadcast was dropped,
   * cleared or closed before.
   */
  schedule(id: string, delayMs: number, send: () => void): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(id);
      if (this.#broadcasts.get(id) !== undefined) send();
    }, delayMs);
    this.#timers.set(id, timer);
  }

  get(id: string): ListBroadcastRecord | undefined {
    return this.#broadcasts.get(id);
  }

  /** The broadcasts kept, oldest first. */
  values(): ListBroadcastRecord[] {
    return this.#broadcasts.values();
  }

  /** Forgets every broadcast and cancels the sends still to come. */
  clear(): void {
    for (const id of [...this.#timers.keys()]) this.#cancel(id);
    this.#broadcasts.clear();
  }

  /** Cancels the sends still to come; none is scheduled afterwards. Idempotent. */
  close(): void {
    this.#closed = true;
    this.clear();
  }

  #cancel(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }
}
