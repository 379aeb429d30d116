import { randomUUID } from 'node:crypto';
import type { EmulatorCredentialKind } from '../auth/credential-kind';
import { BoundedRecords } from './bounded-records';

/** By default, an uploaded contact list reads `processing` this many milliseconds, then `success` or `failed`. */
export const CONTACT_LIST_PROCESSING_MS = 1_000;

/** The most bytes of uploaded spreadsheets kept, all lists together: 16 MiB. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** Where the background processing of an uploaded list stands (the document's `ContactListProgress`). */
export type ContactListProgress = 'processing' | 'success' | 'failed';

/** One contact of a list: a row of the spreadsheet. */
export interface ListContact {
  /** The phone number as the row gives it. */
  readonly phone: string;
  /** The `full_name` column, or `''`. */
  readonly name: string;
  /** Every column but `phone_number`, by its header. */
  readonly variables: Readonly<Record<string, string>>;
}

/** What processing the spreadsheet found (it shows once the list is no longer `processing`). */
export interface ContactListContents {
  readonly contacts: readonly ListContact[];
  /** The spreadsheet's columns but `phone_number`. */
  readonly variables: readonly string[];
  /** Rows refused. */
  readonly failedRows: number;
  /** Why rows (or the whole list) failed. */
  readonly errorMessages: readonly string[];
  /** The whole list failed (no phone number column, no contact, too many rows). */
  readonly failed: boolean;
}

/** An uploaded contact list. Times are on the emulator's clock, in milliseconds. */
export interface ContactListRecord extends ContactListContents {
  readonly id: string;
  readonly name: string;
  readonly sourceType: string;
  readonly credential: EmulatorCredentialKind;
  readonly createdAtMs: number;
  /** When it leaves `processing`. */
  readonly finishedAtMs: number;
}

/**
 * The organization's contact lists, until `clear()`: the newest `maxRecords` (and at most 16 MiB of their
 * spreadsheets; older ones are dropped, oldest first). A list reads `processing` for `processingMs` on the
 * emulator's clock after its upload, then `success`, or `failed` when processing found no contact to keep.
 */
export class ContactLists {
  readonly #lists: BoundedRecords<ContactListRecord>;
  readonly #processingMs: number;

  constructor(maxRecords: number, processingMs: number) {
    this.#lists = new BoundedRecords(maxRecords, MAX_LIST_BYTES);
    this.#processingMs = processingMs;
  }

  /** Keeps a new list uploaded at `now` from a spreadsheet of `bytes` bytes. */
  add(
    fields: { name: string; sourceType: string; credential: EmulatorCredentialKind },
    contents: ContactListContents,
    bytes: number,
    now: number,
  ): ContactListRecord {
    const record: ContactListRecord = {
      ...fields,
      ...contents,
      id: randomUUID(),
      createdAtMs: now,
      finishedAtMs: now + this.#processingMs,
    };
    this.#lists.add(record.id, record, bytes);
    return record;
  }

  get(id: string): ContactListRecord | undefined {
    return this.#lists.get(id);
  }

  /** The lists kept, newest first. */
  newestFirst(): ContactListRecord[] {
    return this.#lists.values().reverse();
  }

  clear(): void {
    this.#lists.clear();
  }
}

/** Where `list` stands at `now`. */
export function progressAt(list: ContactListRecord, now: number): ContactListProgress {
  if (now < list.finishedAtMs) return 'processing';
  return list.failed ? 'failed' : 'success';
}
