import { integerOption, MAX_TIMER_MS } from '../server/integer-option';

/**
 * How the emulator POSTs webhook events to the URLs registered with `PUT /v1/message_interactions` and
 * `PUT /v1/room_interactions`. Every field is optional; small values suit tests
 * (`{ maxAttempts: 3, retryDelayMs: 10, timeoutMs: 500 }`).
 */
export interface EmulatorWebhookDeliveryOptions {
  /** Attempts per event, the first included: a failed attempt (not 2xx, refused, timed out) is retried until then. Default `5`; 1 to 100. */
  maxAttempts?: number;
  /** The wait before the first retry, doubled before each next one (1 s, 2 s, 4 s, 8 s by default). Default `1000` ms. */
  retryDelayMs?: number;
  /** The longest wait between two attempts. Default `30000` ms. */
  maxRetryDelayMs?: number;
  /** How long one attempt may take, connection and answer included, before it counts as a `timeout`. Default `10000` ms. */
  timeoutMs?: number;
  /** Attempts in flight at once, to every URL together. Default `4`; 1 to 100. */
  concurrency?: number;
  /** Events waiting to be delivered (queued, in flight or waiting to retry); one more is `dropped` with `queue_full`. Default `1000`. */
  maxQueued?: number;
  /** The largest event body; a larger one is `dropped` with `body_too_large`, never sent. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** The delivery options with every default applied. */
export type WebhookDeliverySettings = Readonly<Required<EmulatorWebhookDeliveryOptions>>;

/**
 * Applies the defaults and checks the delivery options.
 * @throws {RangeError} for a field that is not an integer in its range.
 */
export function resolveWebhookDelivery(
  options: EmulatorWebhookDeliveryOptions = {},
): WebhookDeliverySettings {
  const field = (name: keyof EmulatorWebhookDeliveryOptions, fallback: number, min: 0 | 1, max?: number) =>
    integerOption(`webhookDelivery.${name}`, options[name] ?? fallback, min, max);
  return {
    maxAttempts: field('maxAttempts', 5, 1, 100),
    retryDelayMs: field('retryDelayMs', 1_000, 0, MAX_TIMER_MS),
    maxRetryDelayMs: field('maxRetryDelayMs', 30_000, 0, MAX_TIMER_MS),
    timeoutMs: field('timeoutMs', 10_000, 1, MAX_TIMER_MS),
    concurrency: field('concurrency', 4, 1, 100),
    maxQueued: field('maxQueued', 1_000, 1),
    maxBodyBytes: field('maxBodyBytes', 1024 * 1024, 1),
  };
}

/** The wait before attempt `attempt + 1` once attempt `attempt` (1, 2, ...) failed. */
export function retryDelay(settings: WebhookDeliverySettings, attempt: number): number {
  return Math.min(settings.maxRetryDelayMs, settings.retryDelayMs * 2 ** (attempt - 1));
}
