import { backoffDelay } from '@qontak/auth-core/adapter';
import { abortableSleep } from './abortable-sleep';
import type { AuthorizedSender, BuiltRequest, Transport } from './authorized-transport';
import { isReplayable } from './replay-aware-request';
import { requestedWait } from './requested-wait';
import type { RetryPolicy } from './retry-options';
import { retryChannel, type QontakRetryEvent } from './retry-channel';

/** The methods whose request may be sent again after a 502, 503 or 504 (RFC 9110 idempotent methods). */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** The gateway statuses: the request may or may not have been acted on. */
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
/** The backoff before sending again when the answer does not say how long to wait: 250 ms, doubling, jittered. */
const BACKOFF_BASE_MS = 250;
/** The longest such backoff, in ms. */
const BACKOFF_MAX_MS = 2_000;

/** The clock of a retrying transport: the time in ms since the epoch, and a wait stopped by a signal. */
export interface RetryClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

const SYSTEM_CLOCK: RetryClock = { now: Date.now, sleep: abortableSleep };

/** Whether `status` to `method` may be sent again: a 429 always (Qontak did not act on it), a gateway error for an idempotent method. */
function isRetryable(method: string, status: number): boolean {
  return status === 429 || (GATEWAY_STATUSES.has(status) && IDEMPOTENT_METHODS.has(method));
}

/**
 * `sender` sending a request again after an answer that says to (see {@link isRetryable}), up to
 * `policy.attempts` times in all: after the wait the answer asks for (see {@link requestedWait}), or a
 * short jittered backoff when it does not say. A wait longer than `policy.maxWaitMs`, than what is left of
 * `policy.maxTotalWaitMs`, or than what is left of `timeoutMs` (counted from the first attempt) is not
 * waited: that answer is handed back at once, as is the last attempt's. A request whose body is a stream
 * is sent once. Each attempt goes through `sender` (its own credentials: a fresh signature, the token
 * of the moment); the body is read once and sent identically each time (a multipart body its boundary
 * too). Only the answer handed back is read (within the sender's bound); the body of one that is sent
 * again is cancelled. The signal (the call's deadline and the caller's) stops a wait too. Each
 * retryable answer is published on `qontak:client:retry`.
 */
export function retryingTransport(
  sender: AuthorizedSender,
  policy: RetryPolicy,
  timeoutMs: number,
  clock: RetryClock = SYSTEM_CLOCK,
): Transport {
  /** Sends `request` again as long as its answers say to, `first` being the first attempt's answer. */
  const sendAgain = async (
    request: BuiltRequest,
    body: ArrayBuffer | undefined,
    signal: AbortSignal,
    startedAt: number,
    first: Response,
  ): Promise<Response> => {
    const deadline = startedAt + timeoutMs;
    const replayable = isReplayable(request);
    let answer = first;
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const now = clock.now();
      const waitMs =
        requestedWait(answer.headers, now) ?? backoffDelay(attempt, BACKOFF_BASE_MS, BACKOFF_MAX_MS);
      const outcome: QontakRetryEvent['outcome'] = !replayable
        ? 'not_replayable'
        : attempt >= policy.attempts
          ? 'attempts'
          : waitMs > policy.maxWaitMs || waited + waitMs > policy.maxTotalWaitMs || now + waitMs >= deadline
            ? 'wait_too_long'
            : 'retry';
      if (retryChannel.hasSubscribers) {
        const event: QontakRetryEvent = {
          method: request.method,
          path: new URL(request.url).pathname,
          status: answer.status,
          attempt,
          outcome,
          waitMs,
        };
        retryChannel.publish(event);
      }
      if (outcome !== 'retry') return sender.bounded(request, answer, signal);
      await answer.body?.cancel().catch(() => undefined);
      await clock.sleep(waitMs, signal);
      waited += waitMs;
      answer = await sender.send(request, body, signal);
      if (!isRetryable(request.method, answer.status)) return sender.bounded(request, answer, signal);
    }
  };
  // Not async: an answer that is not to be sent again is handed on in the same promise turn as it came.
  return (request, signal) => {
    const startedAt = clock.now();
    const attempt = (body: ArrayBuffer | undefined): Promise<Response> =>
      sender
        .send(request, body, signal)
        .then((sent) =>
          isRetryable(request.method, sent.status)
            ? sendAgain(request, body, signal, startedAt, sent)
            : sender.bounded(request, sent, signal),
        );
    return request.body === null ? attempt(undefined) : request.arrayBuffer().then(attempt);
  };
}
