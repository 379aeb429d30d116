import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { BoundedRecords } from '../state/bounded-records';
import { retryDelay, type WebhookDeliverySettings } from './delivery-options';
import { postJson, type PostInFlight, type PostResult } from './post-json';
import { redactedUrl } from './redacted-url';
import type {
  EmulatorWebhookDelivery,
  EmulatorWebhookEventName,
  EmulatorWebhookOutcome,
} from './webhook-delivery';

/** One event to POST: its name, the registered URL, and its JSON payload. */
interface WebhookPost {
  readonly event: EmulatorWebhookEventName;
  readonly url: string;
  readonly payload: Record<string, unknown>;
}

/** One event being delivered, from its first attempt to its outcome. */
interface Delivery {
  readonly id: string;
  readonly event: EmulatorWebhookEventName;
  readonly url: URL;
  readonly body: Buffer;
  readonly attempts: EmulatorWebhookDelivery[];
  readonly finish: (result: EmulatorWebhookOutcome['result']) => void;
  /** Waiting to retry. */
  retryTimer?: NodeJS.Timeout;
  inFlight?: PostInFlight;
}

/** A wait that `reset()` and `close()` end early. */
interface Wait {
  readonly timer: NodeJS.Timeout;
  readonly resolve: (elapsed: boolean) => void;
}

/**
 * POSTs webhook events, bounded: at most `concurrency` attempts in flight, at most `maxQueued` events
 * outstanding (waiting, in flight or waiting to retry), bodies of at most `maxBodyBytes`, each attempt
 * within `timeoutMs`; a failed attempt is retried after a doubling wait, up to `maxAttempts`. Every
 * attempt is listed (the newest `maxRecords`). `reset()` and `close()` cancel every outstanding event
 * and wait; after `close()` nothing is sent.
 */
export class WebhookDispatcher {
  readonly #settings: WebhookDeliverySettings;
  readonly #clock: () => number;
  readonly #log: BoundedRecords<EmulatorWebhookDelivery>;
  readonly #outstanding = new Set<Delivery>();
  readonly #ready: Delivery[] = [];
  readonly #waits = new Set<Wait>();
  #active = 0;
  #generation = 0;
  #closed = false;

  constructor(settings: WebhookDeliverySettings, clock: () => number, maxRecords: number) {
    this.#settings = settings;
    this.#clock = clock;
    this.#log = new BoundedRecords(maxRecords, Number.POSITIVE_INFINITY);
  }

  /** Changes on each `reset()` and `close()`: work begun under an older one is abandoned. */
  get generation(): number {
    return this.#generation;
  }

  /** Delivers `post`; resolves (never rejects) with the outcome. */
  send(post: WebhookPost): Promise<EmulatorWebhookOutcome> {
    if (this.#closed) return Promise.resolve({ result: 'cancelled', attempts: [] });
    const body = Buffer.from(JSON.stringify(post.payload), 'utf8');
    if (body.byteLength > this.#settings.maxBodyBytes) return this.drop(post, 'body_too_large');
    if (this.#outstanding.size >= this.#settings.maxQueued) return this.drop(post, 'queue_full');
    return new Promise((resolve) => {
      const delivery: Delivery = {
        id: randomUUID(),
        event: post.event,
        url: new URL(post.url),
        body,
        attempts: [],
        finish: (result) => {
          this.#outstanding.delete(delivery);
          resolve({ result, attempts: delivery.attempts.map((attempt) => ({ ...attempt })) });
        },
      };
      this.#outstanding.add(delivery);
      this.#ready.push(delivery);
      this.#pump();
    });
  }

  /** Lists `post` as dropped for `reason`, unsent, and resolves with that outcome. */
  drop(
    post: Pick<WebhookPost, 'event' | 'url'>,
    reason: 'queue_full' | 'body_too_large',
  ): Promise<EmulatorWebhookOutcome> {
    if (this.#closed) return Promise.resolve({ result: 'cancelled', attempts: [] });
    const attempt = this.#record(randomUUID(), post.event, new URL(post.url), 1, this.#clock(), 0, {
      status: null,
      error: reason,
      result: 'dropped',
    });
    return Promise.resolve({ result: 'dropped', attempts: [attempt] });
  }

  /** Waits `ms`: true once they passed, false at once when `reset()` or `close()` came first. */
  wait(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wait: Wait = {
        timer: setTimeout(() => {
          this.#waits.delete(wait);
          resolve(true);
        }, ms),
        resolve,
      };
      this.#waits.add(wait);
    });
  }

  /** Copies of every attempt, oldest first. */
  deliveries(): EmulatorWebhookDelivery[] {
    return this.#log.values().map((attempt) => ({ ...attempt }));
  }

  /** Cancels every outstanding event and wait, and forgets every attempt. */
  reset(): void {
    this.#cancelAll();
    this.#log.clear();
  }

  /** Cancels every outstanding event and wait; nothing is sent afterwards. Idempotent. */
  close(): void {
    this.#closed = true;
    this.#cancelAll();
  }

  #cancelAll(): void {
    this.#generation += 1;
    this.#ready.length = 0;
    for (const delivery of [...this.#outstanding]) {
      clearTimeout(delivery.retryTimer);
      delivery.inFlight?.abort();
      delivery.finish('cancelled');
    }
    for (const wait of this.#waits) {
      clearTimeout(wait.timer);
      wait.resolve(false);
    }
    this.#waits.clear();
  }

  #pump(): void {
    while (!this.#closed && this.#active < this.#settings.concurrency) {
      const delivery = this.#ready.shift();
      if (delivery === undefined) return;
      void this.#attempt(delivery);
    }
  }

  async #attempt(delivery: Delivery): Promise<void> {
    this.#active += 1;
    const number = delivery.attempts.length + 1;
    const at = this.#clock();
    const started = performance.now();
    delivery.inFlight = postJson(delivery.url, delivery.body, this.#settings.timeoutMs);
    const outcome = await delivery.inFlight.result;
    delivery.inFlight = undefined;
    this.#active -= 1;
    if (this.#outstanding.has(delivery))
      this.#conclude(delivery, number, at, performance.now() - started, outcome);
    this.#pump();
  }

  #conclude(delivery: Delivery, number: number, at: number, durationMs: number, outcome: PostResult): void {
    const status = 'status' in outcome ? outcome.status : null;
    const error = 'error' in outcome ? outcome.error : null;
    const delivered = status !== null && status >= 200 && status < 300;
    const last = number >= this.#settings.maxAttempts;
    const retryInMs = delivered || last ? undefined : retryDelay(this.#settings, number);
    const attempt = this.#record(delivery.id, delivery.event, delivery.url, number, at, durationMs, {
      status,
      error,
      result: delivered ? 'delivered' : last ? 'given_up' : 'retry',
      ...(retryInMs === undefined ? {} : { retryInMs }),
    });
    delivery.attempts.push(attempt);
    if (retryInMs === undefined) {
      delivery.finish(delivered ? 'delivered' : 'given_up');
      return;
    }
    delivery.retryTimer = setTimeout(() => {
      delivery.retryTimer = undefined;
      this.#ready.push(delivery);
      this.#pump();
    }, retryInMs);
  }

  #record(
    deliveryId: string,
    event: EmulatorWebhookEventName,
    url: URL,
    attempt: number,
    at: number,
    durationMs: number,
    outcome: Pick<EmulatorWebhookDelivery, 'status' | 'error' | 'result' | 'retryInMs'>,
  ): EmulatorWebhookDelivery {
    const record: EmulatorWebhookDelivery = {
      deliveryId,
      event,
      url: redactedUrl(url),
      attempt,
      ...outcome,
      at: new Date(at).toISOString(),
      durationMs: Math.round(durationMs),
    };
    this.#log.add(`${deliveryId}:${attempt}`, record, 0);
    return { ...record };
  }
}
