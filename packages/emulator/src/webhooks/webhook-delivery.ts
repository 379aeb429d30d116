/**
 * The events the emulator POSTs: to the URL registered with `PUT /v1/message_interactions` a customer's
 * message, the bot's (or an agent's) message, a message's new status and a broadcast delivery's new
 * status; to the URL registered with `PUT /v1/room_interactions` a resolved room. Each is the
 * `data_event` of its payload.
 */
export type EmulatorWebhookEventName =
  | 'receive_message_from_customer'
  | 'receive_message_from_agent'
  | 'status_message'
  | 'broadcast_log_status'
  | 'room_resolved';

/**
 * One attempt to deliver one event, as `emulator.webhookDeliveries()` lists it. A delivery that was never
 * sent (`queue_full`, `body_too_large`) is listed as its one attempt too.
 */
export interface EmulatorWebhookDelivery {
  /** The same for every attempt of one event. */
  deliveryId: string;
  /** The event delivered (its `data_event`). */
  event: EmulatorWebhookEventName;
  /** The registered URL without user info, fragment or query (`?[redacted]`: the secret travels there). */
  url: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** The receiver's HTTP status, `null` when there was no answer. */
  status: number | null;
  /**
   * Why there was no answer: `timeout` (none within `webhookDelivery.timeoutMs`), `refused` (nothing
   * listens), `network_error` (the connection failed otherwise), or why nothing was sent:
   * `queue_full` (`webhookDelivery.maxQueued` events were waiting), `body_too_large` (over
   * `webhookDelivery.maxBodyBytes`). `null` when there was an answer.
   */
  error: 'timeout' | 'refused' | 'network_error' | 'queue_full' | 'body_too_large' | null;
  /**
   * What came of it: `delivered` (a 2xx), `retry` (another attempt follows after `retryInMs`),
   * `given_up` (it was the last attempt), `dropped` (nothing was sent).
   */
  result: 'delivered' | 'retry' | 'given_up' | 'dropped';
  /** The wait before the next attempt, when `result` is `retry`. */
  retryInMs?: number;
  /** When the attempt started, on the emulator's clock (ISO 8601). */
  at: string;
  /** How long the attempt took, in milliseconds. */
  durationMs: number;
}

/** What came of delivering one event. */
export interface EmulatorWebhookOutcome {
  /**
   * `delivered` (the receiver answered 2xx), `given_up` (every attempt failed), `dropped` (not sent:
   * queue full or body too large), `cancelled` (`close()` or `reset()` came first), `skipped` (no webhook
   * was registered for the event, or its flag was off).
   */
  result: 'delivered' | 'given_up' | 'dropped' | 'cancelled' | 'skipped';
  /** Its attempts, oldest first (none when skipped). */
  attempts: EmulatorWebhookDelivery[];
}

/** What an event the emulator made (a customer message, a resolved room) returns. */
export interface EmulatorWebhookTrigger {
  /**
   * Resolves (never rejects) once the event's delivery is over: delivered, given up after its retries,
   * dropped, cancelled by `close()` / `reset()`, or at once when it was skipped.
   */
  readonly delivery: Promise<EmulatorWebhookOutcome>;
}
