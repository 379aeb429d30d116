/** One body being read, from {@link BodyDeadlines.watch}. */
export interface BodyWatch {
  /** Whether its time ran out (its `cancel` was called). */
  readonly expired: boolean;
}

/** What is cancelled when a body's time runs out: its stream's reader. */
interface Cancellable {
  cancel(): Promise<unknown>;
}

interface Watched extends BodyWatch {
  expired: boolean;
  readonly deadline: number;
  readonly reader: Cancellable;
}

/** How many ticks of the shared timer make up a time limit: a body is cancelled at most 10% late. */
const TICKS_PER_LIMIT = 10;

/**
 * The time limits of the bodies one handler is reading, kept by one timer for all of them: a timer made
 * and cleared for each delivery cost several µs of each, a tenth of a handler's throughput. The timer
 * ticks every tenth of `timeoutMs` while a body is being read (it does not keep a Node process alive)
 * and stops one tick after the last one ended; a body still not read `timeoutMs` after it was watched is
 * cancelled at the next tick, so at most 10% late, never early.
 */
export class BodyDeadlines {
  readonly #timeoutMs: number;
  readonly #tickMs: number;
  readonly #reading = new Set<Watched>();
  #timer: ReturnType<typeof setInterval> | undefined;

  /** @param timeoutMs The time limit of each body, in ms (checked by the handler's options). */
  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    this.#tickMs = Math.max(1, Math.ceil(timeoutMs / TICKS_PER_LIMIT));
  }

  /**
   * Starts the time limit of one body: `reader` is cancelled once (a rejection ignored), when it runs
   * out before {@link end}.
   */
  watch(reader: Cancellable): BodyWatch {
    const watched: Watched = { expired: false, deadline: performance.now() + this.#timeoutMs, reader };
    this.#reading.add(watched);
    this.#timer ??= this.#startTimer();
    return watched;
  }

  /** The body was read (or given up): its time limit no longer runs. */
  end(watch: BodyWatch): void {
    this.#reading.delete(watch as Watched);
  }

  #startTimer(): ReturnType<typeof setInterval> {
    const timer = setInterval(() => this.#tick(), this.#tickMs);
    // Node: a body still being read keeps the process alive through its socket, not through this timer.
    if (typeof timer === 'object' && typeof timer.unref === 'function') timer.unref();
    return timer;
  }

  #tick(): void {
    if (this.#reading.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    const now = performance.now();
    for (const watched of this.#reading) {
      if (watched.deadline > now) continue;
      this.#reading.delete(watched);
      watched.expired = true;
      watched.reader.cancel().catch(() => undefined);
    }
  }
}
