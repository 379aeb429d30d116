import { sha256Hex } from './sha256';
import type { QontakWebhookEvent } from './qontak-webhook-event';

/**
 * What makes `event` the same event when it is delivered again, or `undefined` when nothing in it does
 * (it is then handed over every time, never taken for another):
 * - a message event: its `data_event`, message `id` and `status` (so each new status of a message is an
 *   event of its own);
 * - `broadcast_log_status`: the broadcast, the number (or the log entry's `id`) and the `status`;
 * - `room_resolved`: the room and when it was resolved (`resolved_at`, else `updated_at`), so a room
 *   resolved again later is a new event.
 */
function identity(event: QontakWebhookEvent): unknown[] | undefined {
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
      return [event.data_event ?? null, event.id, event.status ?? null];
  }
}

/**
 * The key under which a dedupe store remembers `event`: the SHA-256 (hex) of its identity, so every key
 * has 64 characters whatever the ids hold; `undefined` for an event without one.
 */
export function eventDedupeKey(event: QontakWebhookEvent): string | Promise<string> | undefined {
  const parts = identity(event);
  if (parts === undefined) return undefined;
  return sha256Hex(JSON.stringify(parts));
}
