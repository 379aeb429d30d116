import { BodyDeadlines } from './body-deadlines';
import { OnceDelivery } from './deliver-once';
import { eventDedupeKey } from './event-dedupe-key';
import { parseQontakWebhookEvent } from './parse-qontak-webhook-event';
import type { QontakWebhookEvent } from './qontak-webhook-event';
import { readBoundedBody } from './read-bounded-body';
import { accepted, refused } from './webhook-answers';
import { resolveHandlerOptions, type QontakWebhookHandlerOptions } from './webhook-handler-options';
import { safeLogger } from './webhook-logger';
import { secretCheck } from './webhook-secret';
import { withoutSecret } from './without-secret';

/**
 * A web-standard request handler, `(request: Request) => Promise<Response>`: what Node 18+ (through an
 * adapter), Hono, Next.js route handlers, Bun, Deno and Workers call.
 */
export type QontakWebhookHandler = (request: Request) => Promise<Response>;

/** The longest part of an `onEvent` error's message that is logged. */
const MAX_LOGGED_MESSAGE = 300;

/** Whether `contentType` is absent or JSON (`application/json`, `application/*+json`, any parameters). */
function isJson(contentType: string | null): boolean {
  if (contentType === null || contentType === 'application/json') return true;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[^/]+\+json$/.test(type);
}

/** Drops a body the handler will not read, so that a server adapter stops receiving it. */
function discardBody(request: Request): void {
  if (request.body !== null && !request.bodyUsed) request.body.cancel().catch(() => undefined);
}

/**
 * The name and the start of the message of what `onEvent` threw (never its other fields), without any
 * part of `secret`: a message may quote the URL the event came to.
 */
function describeFailure(error: unknown, secret: string): string {
  if (!(error instanceof Error)) return typeof error;
  // Bounded before it is searched: four times what is logged leaves room for a percent-encoded secret.
  const text = `${String(error.name)}: ${String(error.message)}`.slice(0, MAX_LOGGED_MESSAGE * 4);
  return withoutSecret(text, secret).slice(0, MAX_LOGGED_MESSAGE);
}

/**
 * Makes the handler of the URL registered with Qontak (`qontakWebhookUrl(publicUrl, secret)`). For each
 * request, in this order:
 *
 * 1. not a POST: 405 with `Allow: POST`;
 * 2. no `qontak_secret` in the URL, or another one (compared in constant time): 401, body unread;
 * 3. a `Content-Type` that is not JSON: 415 (none at all is read as JSON);
 * 4. a body over `maxBodyBytes`: 413, the rest unread (a `Content-Length` over it: at once); not all
 *    there within `bodyTimeoutMs` (checked each tenth of it): 408;
 * 5. not JSON: 400 `invalid_json`; JSON but not a Qontak event (an unknown `data_event`, a missing id,
 *    a field of the wrong type): 400 `invalid_event` with `detail` naming the field;
 * 6. an event handed over before (same message id, event and status): 200 `{ status: 'duplicate' }`;
 *    one being handed over by another delivery right now: 503 with `Retry-After`;
 * 7. otherwise `onEvent(event)`: 200 `{ status: 'received' }` once it resolved, 500 (generic body) when
 *    it threw, and the event is not remembered, so that a redelivery is handed over.
 *
 * Refusals and failures go to `logger` without the secret, the URL or the payload's values.
 * @throws {QontakWebhookError} `config_error` when an option is missing or out of range (see
 *   {@link QontakWebhookHandlerOptions}). The handler itself never throws: every failure is an answer.
 */
export function createQontakWebhookHandler(options: QontakWebhookHandlerOptions): QontakWebhookHandler {
  const { secret, onEvent, dedupe, dedupeTtlMs, claimTtlMs, maxBodyBytes, bodyTimeoutMs, logger } =
    resolveHandlerOptions(options);
  const carriesSecret = secretCheck(secret);
  const bodyDeadlines = new BodyDeadlines(bodyTimeoutMs);
  const log = safeLogger(logger);
  const delivery = new OnceDelivery(
    dedupe,
    { ttlMs: dedupeTtlMs, leaseMs: claimTtlMs },
    {
      storeFailed: (operation, reason) =>
        log.warn(
          `Qontak webhook: the dedupe store's ${operation} failed (${withoutSecret(reason, secret)}); the event is handed over without deduplication.`,
        ),
      eventFailed: (event: QontakWebhookEvent, error) =>
        log.error(
          'Qontak webhook: onEvent failed; answered 500 so that Qontak may deliver the event again.',
          {
            dataEvent: event.data_event,
            error: describeFailure(error, secret),
          },
        ),
    },
  );

  return async function qontakWebhookHandler(request: Request): Promise<Response> {
    if (request.method !== 'POST') {
      discardBody(request);
      log.debug('Qontak webhook: refused a request that is not a POST (405).', { method: request.method });
      return refused('method_not_allowed');
    }
    if (!carriesSecret(request.url)) {
      discardBody(request);
      log.warn('Qontak webhook: refused a request without the right secret in its URL (401).');
      return refused('unauthorized');
    }
    if (!isJson(request.headers.get('content-type'))) {
      discardBody(request);
      log.warn('Qontak webhook: refused a body that is not JSON (415).');
      return refused('unsupported_media_type');
    }
    let body;
    try {
      body = await readBoundedBody(request, maxBodyBytes, bodyDeadlines);
    } catch {
      log.warn('Qontak webhook: the body could not be read (400).');
      return refused('invalid_json', 'the body could not be read');
    }
    if (body.kind === 'too_large') {
      log.warn(`Qontak webhook: refused a body over ${maxBodyBytes} bytes (413).`);
      return refused('payload_too_large');
    }
    if (body.kind === 'timeout') {
      log.warn(`Qontak webhook: the body did not arrive within ${bodyTimeoutMs} ms (408).`);
      return refused('body_timeout');
    }
    const parsed = parseQontakWebhookEvent(body.bytes);
    if (!parsed.ok) {
      log.warn(`Qontak webhook: refused a body that is not a Qontak event: ${parsed.problem} (400).`);
      return refused(parsed.error, parsed.problem);
    }
    const key = eventDedupeKey(parsed.event);
    const delivered = delivery.deliver(parsed.event, typeof key === 'object' ? await key : key, onEvent);
    const outcome = typeof delivered === 'string' ? delivered : await delivered;
    switch (outcome) {
      case 'handled':
        return accepted('received');
      case 'duplicate':
        log.debug('Qontak webhook: an event delivered again was answered without calling onEvent.', {
          dataEvent: parsed.event.data_event,
        });
        return accepted('duplicate');
      case 'in_progress':
        log.info('Qontak webhook: an event delivered again while it is being handled; answered 503.', {
          dataEvent: parsed.event.data_event,
        });
        return refused('in_progress');
      case 'failed':
        return refused('internal_error');
    }
  };
}
