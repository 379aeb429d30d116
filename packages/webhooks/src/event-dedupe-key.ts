import { sha256Hex } from './sha256';
import type { QontakWebhookEvent } from './qontak-webhook-event';

/** What makes an event the same event when it is delivered again: its kind first, then ids and states. */
type Identity = readonly [kind: string, ...parts: Array<string | null>];

/**
 * What makes `event` the same event when it is delivered again, or `undefined` when nothing in it does
 * (it is then handed over every time, never taken for another):
 * - a message event: its `data_event`, message `id` and `status` (so each new status of a message is an
 *   event of its own);
 * - `broadcast_log_status`: the broadcast, the number (or the log entry's `id`) and the `status`;
 * - `room_resolved`: the room and when it was resolved (`resolved_at`, else `updated_at`), so a room
 *   resolved again later is a new event.
 */
function identity(event: QontakWebhookEvent): Identity | undefined {
  switch (event.data_event) {
    case 'broadcast_log_status': {
      const { messages_broadcast_id, contact_phone_number, id, status } = event;
      if (contact_phone_number === undefined && id === undefined) return undefined;
      return [event.data_event, messages_broadcast_id, contact_phone_number ?? null, id ?? null, status];
    }
    case 'room_resolved': {
      const when = event.resolved_at ?? event.updated_at;
      return typeof when === 'string' ? [event.data_event, event.id, when] : undefined;
    }
    default:
      return [event.data_event ?? 'legacy_message', event.id, event.status ?? null];
  }
}

/**
 * The kinds whose identity may make a key as it is, each by a letter of its own. A broadcast's log
 * status is left out: its identity holds a phone number, which a shared store then keeps only digested.
 */
const PLAIN_KINDS: { readonly [kind: string]: string } = {
  receive_message_from_customer: 'c',
  receive_message_from_agent: 'a',
  status_message: 's',
  legacy_message: 'l',
  room_resolved: 'r',
};

/** A part a plain key holds as it is: ids, states and timestamps, never `|` nor `~`. */
const PLAIN_PART = /^[\w.:+-]*$/;

/** The longest key, plain or digested (a SHA-256 in hex). */
const MAX_KEY_LENGTH = 64;

/**
 * `identity` as a key of its own, `<letter>|<part>|...` (`~` for a part that is absent), when its kind
 * has a letter, every part is plain and the whole fits in {@link MAX_KEY_LENGTH}; else `undefined`.
 * Distinct identities never make one plain key, and a plain key (it holds `|`) is never a digest.
 */
function plainKey([kind, ...parts]: Identity): string | undefined {
  const letter = Object.hasOwn(PLAIN_KINDS, kind) ? PLAIN_KINDS[kind] : undefined;
  if (letter === undefined) return undefined;
  let key = letter;
  for (const part of parts) {
    if (part === null) key += '|~';
    else if (PLAIN_PART.test(part)) key += `|${part}`;
    else return undefined;
  }
  return key.length <= MAX_KEY_LENGTH ? key : undefined;
}

/**
 * The key under which a dedupe store remembers `event`, at most 64 characters: a message's or a room's
 * identity as it is when its ids are plain (`c|<message id>|<status>`: nothing to compute), else the
 * SHA-256 (hex) of the identity, whatever the ids hold; `undefined` for an event without one.
 */
export function eventDedupeKey(event: QontakWebhookEvent): string | Promise<string> | undefined {
  const parts = identity(event);
  if (parts === undefined) return undefined;
  return plainKey(parts) ?? sha256Hex(JSON.stringify(parts));
}
