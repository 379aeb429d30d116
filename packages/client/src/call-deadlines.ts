import { MAX_TIMER_MS } from '@qontak/auth-core/adapter';
import { QontakApiError, QontakApiErrorCode } from './qontak-api-error';

/** Calls that start within this many ms of each other may share one deadline (at most 1% of the time limit). */
const MAX_SHARE_WINDOW_MS = 10;
/**
 * The most calls that share one deadline: `fetch` follows the deadline's signal with a listener per
 * request, which it finds again by walking them all, so the group stays small.
 */
const MAX_SHARED_CALLS = 16;

/** What a call sees of its deadline: the signal it is sent with, aborted when its time is up. */
export interface CallDeadline {
  readonly signal: AbortSignal;
}

/** One deadline: the signal its calls are sent with, aborted when their time is up, and its timer. */
interface Deadline extends CallDeadline {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  /** When its first call started (`Date.now()`). */
  readonly startedAt: number;
  /** Calls that joined it, and those of them not yet settled. */
  calls: number;
  active: number;
  timedOut: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Removes the forwarding of a caller's own signal (a deadline of one call only). */
  release: (() => void) | undefined;
}

/**
 * The time limit of every call of one client: each call (credentials, request, redirects, a replay,
 * the answer read and parsed) runs with a signal that aborts once `timeoutMs` have passed, or when the
 * caller's own signal aborts. Calls that start within a few ms of each other (1% of `timeoutMs`, at most
 * 10 ms; at most 16 calls) share one signal and one timer, set for the last of them, so that a busy
 * client makes an `AbortSignal` and a timer per group, not per call: each call is aborted between
 * `timeoutMs` and `timeoutMs` + 1% after it started, and never earlier. A call with a signal of its
 * own, or one whose answer is handed over unread (`parseAs: 'stream'`), has a deadline of its own, so
 * that nothing aborts it once it is done.
 */
export class CallDeadlines {
  readonly #timeoutMs: number;
  readonly #windowMs: number;
  #current: Deadline | undefined;

  /** @param timeoutMs the time limit of one call, 1 to 2_147_483_647 ms. */
  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    const window = Math.min(MAX_SHARE_WINDOW_MS, Math.floor(timeoutMs / 100));
    // A window that would push the timer past what Node can wait is not used: each call then waits alone.
    this.#windowMs = timeoutMs + window + 1 > MAX_TIMER_MS ? -1 : window;
  }

  /**
   * The deadline of a call starting now, whose signal it is to be sent with: a shared one, or one of its
   * own when it has a `callerSignal` (which then aborts it too, with the caller's reason) or is `alone`.
   * Each deadline entered is to be {@link settle}d.
   */
  enter(callerSignal: AbortSignal | null | undefined, alone: boolean): CallDeadline {
    return callerSignal != null || alone ? this.#alone(callerSignal) : this.#shared();
  }

  /**
   * `result`, the outcome of a call of `deadline`, with the deadline left once it settles. `method` and
   * `path` (e.g. `GET`, `/v1/health`) name the call in the error.
   * @throws {QontakApiError} `timeout` when `timeoutMs` passed first; the caller's own reason when its
   *   signal aborted; otherwise what `result` rejects with.
   */
  settle<T>(deadline: CallDeadline, result: Promise<T>, method: string, path: string): Promise<T> {
    const entered = deadline as Deadline;
    return result.then(
      (value) => {
        this.#leave(entered);
        return value;
      },
      (error: unknown) => {
        this.#leave(entered);
        if (!entered.timedOut) throw error;
        throw new QontakApiError(
          QontakApiErrorCode.Timeout,
          `Qontak's answer to ${method} ${path} did not arrive within timeoutMs (${this.#timeoutMs} ms); the request was aborted.`,
          { cause: error },
        );
      },
    );
  }

  /** Aborts the calls of `deadline` still running, once the time of the last one to join is up. */
  readonly #expire = (deadline: Deadline): void => {
    deadline.timer = undefined;
    if (this.#current === deadline) this.#current = undefined;
    if (deadline.active === 0) return;
    deadline.timedOut = true;
    deadline.controller.abort();
  };

  #open(window: number): Deadline {
    const controller = new AbortController();
    const deadline: Deadline = {
      controller,
      signal: controller.signal,
      startedAt: Date.now(),
      calls: 1,
      active: 1,
      timedOut: false,
      timer: undefined,
      release: undefined,
    };
    deadline.timer = setTimeout(this.#expire, this.#timeoutMs + window, deadline);
    return deadline;
  }

  /** The deadline of calls starting now: the current group's, or a new one. */
  #shared(): Deadline {
    const window = this.#windowMs;
    const current = this.#current;
    if (
      current !== undefined &&
      current.calls < MAX_SHARED_CALLS &&
      Date.now() - current.startedAt <= window &&
      current.timer !== undefined
    ) {
      current.calls += 1;
      if (current.active++ === 0) current.timer.ref();
      return current;
    }
    if (current !== undefined && current.active === 0) clearTimeout(current.timer);
    if (window < 0) return this.#alone(undefined);
    // Whole milliseconds: a call that joins up to `window` + 1 ms after the first one still has its full time.
    const deadline = this.#open(window + 1);
    this.#current = deadline;
    return deadline;
  }

  /** A deadline of one call, that also aborts (with the caller's own reason) when `callerSignal` does. */
  #alone(callerSignal: AbortSignal | null | undefined): Deadline {
    const deadline = this.#open(0);
    if (callerSignal == null) return deadline;
    const controller = deadline.controller;
    const forward = () => controller.abort(callerSignal.reason);
    if (callerSignal.aborted) forward();
    else {
      callerSignal.addEventListener('abort', forward, { once: true });
      deadline.release = () => callerSignal.removeEventListener('abort', forward);
    }
    return deadline;
  }

  /** A call of `deadline` settled: its timer goes once no call needs it (or waits, unref'd, for the next to join). */
  #leave(deadline: Deadline): void {
    deadline.release?.();
    if (--deadline.active > 0 || deadline.timer === undefined) return;
    if (deadline === this.#current) {
      deadline.timer.unref();
      return;
    }
    clearTimeout(deadline.timer);
    deadline.timer = undefined;
  }
}
