import { integerOption, MAX_TIMER_MS } from '../server/integer-option';

/** By default, a message sent to a customer reads `sent` this many milliseconds after it was accepted. */
export const BROADCAST_SENT_AFTER_MS = 1_000;

/** By default, a message sent to a customer reads `delivered` this many milliseconds after it was accepted. */
export const BROADCAST_DELIVERED_AFTER_MS = 3_000;

/** By default, a message sent to a customer reads `read` this many milliseconds after it was accepted. */
export const BROADCAST_READ_AFTER_MS = 5_000;

/**
 * When a message sent to a customer (a direct broadcast's, the bot's) reaches each status, in
 * milliseconds after it was accepted: integers from 0 to 2147483647, `sent <= delivered <= read`.
 */
export interface EmulatorMessageStatusTimings {
  /** Default {@link BROADCAST_SENT_AFTER_MS} (1 s). */
  sent?: number;
  /** Default {@link BROADCAST_DELIVERED_AFTER_MS} (3 s). */
  delivered?: number;
  /** Default {@link BROADCAST_READ_AFTER_MS} (5 s). */
  read?: number;
}

/** The statuses a message sent to a customer goes through after it was accepted, in order. */
export const OUTBOUND_STATUSES = ['sent', 'delivered', 'read'] as const;

/** One of {@link OUTBOUND_STATUSES}. */
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/** The timings with every default applied. */
export type StatusTimings = Readonly<Record<OutboundStatus, number>>;

/**
 * Applies the defaults and checks the timings.
 * @throws {RangeError} for a timing that is not an integer from 0 to 2147483647, or out of order.
 */
export function resolveStatusTimings(timings: EmulatorMessageStatusTimings = {}): StatusTimings {
  const resolved = {
    sent: integerOption(
      'messageStatusAfterMs.sent',
      timings.sent ?? BROADCAST_SENT_AFTER_MS,
      0,
      MAX_TIMER_MS,
    ),
    delivered: integerOption(
      'messageStatusAfterMs.delivered',
      timings.delivered ?? BROADCAST_DELIVERED_AFTER_MS,
      0,
      MAX_TIMER_MS,
    ),
    read: integerOption(
      'messageStatusAfterMs.read',
      timings.read ?? BROADCAST_READ_AFTER_MS,
      0,
      MAX_TIMER_MS,
    ),
  };
  if (resolved.sent > resolved.delivered || resolved.delivered > resolved.read) {
    throw new RangeError(
      `@qontak/emulator: messageStatusAfterMs must have sent <= delivered <= read, got ${resolved.sent}, ${resolved.delivered}, ${resolved.read}`,
    );
  }
  return resolved;
}

/** The last status a message reached `elapsedMs` after it was accepted, `undefined` before `sent`. */
export function statusAfter(elapsedMs: number, timings: StatusTimings): OutboundStatus | undefined {
  let reached: OutboundStatus | undefined;
  for (const status of OUTBOUND_STATUSES) if (elapsedMs >= timings[status]) reached = status;
  return reached;
}
