import { randomUUID } from 'node:crypto';
import { BoundedRecords } from './bounded-records';

/**
 * The organization's contacts: one contact id per customer phone number (digits, without `+`), the same
 * for the broadcasts sent to it and for its rooms, for the newest `maxRecords` numbers; and the newest
 * `maxRecords` blocked contacts.
 */
export class Contacts {
  readonly #ids: BoundedRecords<string>;
  readonly #blocked: BoundedRecords<true>;

  constructor(maxRecords: number) {
    this.#ids = new BoundedRecords(maxRecords, Number.POSITIVE_INFINITY);
    this.#blocked = new BoundedRecords(maxRecords, Number.POSITIVE_INFINITY);
  }

  block(contactId: string): void {
    this.#blocked.add(contactId, true, 0);
  }

  /** Unblocks `contactId`: `false` when it was not blocked. */
  unblock(contactId: string): boolean {
    return this.#blocked.delete(contactId);
  }

  isBlocked(contactId: string): boolean {
    return this.#blocked.get(contactId) === true;
  }

  /** The contact id of `number` (with or without a leading `+`), made on first use. */
  idOf(number: string): string {
    const digits = number.replace(/^\+/, '');
    const id = this.#ids.get(digits) ?? randomUUID();
    this.#ids.add(digits, id, 0);
    return id;
  }

  clear(): void {
    this.#ids.clear();
    this.#blocked.clear();
  }
}
