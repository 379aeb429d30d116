import type { components } from './generated/qontak-open-api';

/**
 * An event Qontak POSTed, as the handler hands it to `onEvent`: Qontak's own payload, every field kept
 * (also those the types do not name), discriminated by `data_event`:
 *
 * - `receive_message_from_customer`: a customer's message (`text`, `room_id` to answer in, `room`, ...);
 * - `receive_message_from_agent`: an agent's message;
 * - `status_message`: a message's new `status` (sent, delivered, read, failed);
 * - `broadcast_log_status`: a broadcast's delivery to one number changed `status`;
 * - `room_resolved`: a room was resolved (the room itself; this payload's shape is inferred);
 * - `undefined`: the older payload without `data_event` (a message) from an agent or a bot. An older
 *   payload from a customer arrives as `receive_message_from_customer`, with `data_event` added.
 *
 * These are the bodies of the OpenAPI document's `webhooks` (`messageInteraction`, `roomInteraction`).
 * Each was checked against the document's schema of its `data_event` before it was handed over: the
 * discriminant, the ids (strings) and the type of every field the types name.
 */
export type QontakWebhookEvent =
  components['schemas']['WebhookMessageInteractionEvent'] | components['schemas']['WebhookRoomResolvedEvent'];

/** The `data_event` of every event {@link QontakWebhookEvent} knows. */
export type QontakWebhookEventName = NonNullable<QontakWebhookEvent['data_event']>;

/**
 * The schemas of the webhook payloads and of the webhook settings, by name, as generated from the OpenAPI
 * document: `QontakWebhookSchemas['WebhookCustomerMessageEvent']`, `['WebhookMessage']`, `['WebhookRoom']`,
 * `['WebhookSettings']`, ...
 */
export type QontakWebhookSchemas = components['schemas'];
