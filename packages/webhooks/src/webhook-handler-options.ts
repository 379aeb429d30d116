import type { QontakWebhookDedupeStore } from './dedupe-store';
import { MemoryWebhookDedupeStore } from './memory-webhook-dedupe-store';
import type { QontakWebhookEvent } from './qontak-webhook-event';
import { configError } from './qontak-webhook-error';
import type { QontakWebhookLogger } from './webhook-logger';
import { checkedSecret } from './webhook-secret';

/** Options of `createQontakWebhookHandler`. */
export interface QontakWebhookHandlerOptions {
  /**
   * The secret the registered URL carries (`qontakWebhookUrl(publicUrl, secret)`): 16 to 512 letters,
   * digits, `-`, `.`, `_` or `~`, e.g. `crypto.randomBytes(32).toString('base64url')`. Keep it where you
   * keep passwords (an environment variable); it is never logged, thrown or answered.
   */
  secret: string;
  /**
   * Called once per event with Qontak's payload, typed by its `data_event`. The handler answers 200 when
   * it resolves, and 500 when it throws or rejects (Qontak may then deliver the event again, and the
   * redelivery is handed over: a failed event is not remembered). Sync or async.
   */
  onEvent: (event: QontakWebhookEvent) => unknown;
  /**
   * Where handed-over events are remembered, so that a redelivery is answered 200 without calling
   * `onEvent` again; `false` to hand over every delivery. Default a new `MemoryWebhookDedupeStore`
   * (10,000 events, in this process).
   */
  dedupe?: QontakWebhookDedupeStore | false | undefined;
  /** How long a handed-over event is remembered, in ms, from 1 s to 30 days. Default 24 hours. */
  dedupeTtlMs?: number | undefined;
  /**
   * How long a delivery being handed over blocks a redelivery of the same event (answered 503, so that
   * Qontak tries again later), in ms, from 1 s to 1 hour. Default 60 s. Past it (an `onEvent` that runs
   * longer, or a process that died during one), the redelivery is handed over.
   */
  claimTtlMs?: number | undefined;
  /** The largest body read, in bytes, from 1 KiB to 64 MiB. Default 1 MiB; a larger one is answered 413 unread. */
  maxBodyBytes?: number | undefined;
  /**
   * The longest wait for the whole body, in ms, from 100 ms to 2 minutes. Default 10 s; then 408. One
   * timer checks every body being read each tenth of it, so a body still arriving is cut off at most
   * 10% after the limit.
   */
  bodyTimeoutMs?: number | undefined;
  /** Where refusals and failures are reported (see `QontakWebhookLogger`). Default none. */
  logger?: QontakWebhookLogger | undefined;
}

/** The options, checked and defaulted. */
interface HandlerSettings {
  readonly secret: string;
  readonly onEvent: (event: QontakWebhookEvent) => unknown;
  readonly dedupe: QontakWebhookDedupeStore | undefined;
  readonly dedupeTtlMs: number;
  readonly claimTtlMs: number;
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  readonly logger: QontakWebhookLogger | undefined;
}

const SECOND = 1_000;
const DAY = 86_400_000;

/** `value` (default `fallback`) when it is an integer in `[min, max]`; otherwise a config error naming `name`. */
function bounded(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  unit: string,
): number {
  const chosen = value ?? fallback;
  if (typeof chosen !== 'number' || !Number.isInteger(chosen) || chosen < min || chosen > max) {
    throw configError(`${name} must be an integer number of ${unit} from ${min} to ${max}.`);
  }
  return chosen;
}

function isDedupeStore(value: unknown): value is QontakWebhookDedupeStore {
  const store = value as Partial<QontakWebhookDedupeStore> | null | undefined;
  return (
    typeof store?.claim === 'function' &&
    typeof store.commit === 'function' &&
    typeof store.release === 'function'
  );
}

/**
 * `options` checked and defaulted.
 * @throws {QontakWebhookError} `config_error` naming the first option that is missing or out of range.
 */
export function resolveHandlerOptions(options: QontakWebhookHandlerOptions): HandlerSettings {
  if (typeof options !== 'object' || options === null) {
    throw configError('createQontakWebhookHandler takes an options object { secret, onEvent, ... }.');
  }
  const secret = checkedSecret(options.secret);
  if (typeof options.onEvent !== 'function') throw configError('onEvent must be a function.');
  const dedupe = options.dedupe ?? new MemoryWebhookDedupeStore();
  if (dedupe !== false && !isDedupeStore(dedupe)) {
    throw configError('dedupe must be false or a store with claim, commit and release methods.');
  }
  const logger = options.logger;
  if (logger !== undefined && (typeof logger !== 'object' || logger === null)) {
    throw configError('logger must be an object with debug, info, warn and error methods (each optional).');
  }
  return {
    secret,
    onEvent: options.onEvent,
    dedupe: dedupe === false ? undefined : dedupe,
    dedupeTtlMs: bounded('dedupeTtlMs', options.dedupeTtlMs, DAY, SECOND, 30 * DAY, 'ms'),
    claimTtlMs: bounded('claimTtlMs', options.claimTtlMs, 60 * SECOND, SECOND, 3_600 * SECOND, 'ms'),
    maxBodyBytes: bounded('maxBodyBytes', options.maxBodyBytes, 1 << 20, 1 << 10, 64 << 20, 'bytes'),
    bodyTimeoutMs: bounded('bodyTimeoutMs', options.bodyTimeoutMs, 10 * SECOND, 100, 120 * SECOND, 'ms'),
    logger,
  };
}
