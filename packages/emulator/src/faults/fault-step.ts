import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from '../server/reply';
import { sendReply } from '../server/reply';
import { afterDraining } from '../server/request-body';
import type { StatsRecorder } from '../state/stats';
import type { EmulatorRoute, FaultInjector } from './fault-injector';
import { cannedFaultReply, patchReply, rateLimitReply } from './fault-replies';
import { API_BASE_PATHS } from '../auth/authenticate';

/**
 * What is left to do once a request passed the fault step: nothing (its fault answered, dropped or hung
 * it), or answer it normally and pass the answer through `patch`.
 */
type FaultOutcome = { readonly served: true } | { readonly served: false; patch(reply: Reply): Reply };

const SERVED: FaultOutcome = { served: true };
const ANSWER: FaultOutcome = { served: false, patch: (reply) => reply };

/**
 * The step every request to a route takes before it is answered: it takes the route's next injected fault,
 * counts it, and serves it (a canned answer once the body is drained, a dropped socket, a request never
 * answered, a wait) or leaves a patch for the real answer (`token-body`).
 */
export class FaultStep {
  readonly #faults: FaultInjector;
  readonly #stats: StatsRecorder;
  readonly #maxBodyBytes: number;
  readonly #clock: () => number;
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(faults: FaultInjector, stats: StatsRecorder, maxBodyBytes: number, clock: () => number) {
    this.#faults = faults;
    this.#stats = stats;
    this.#maxBodyBytes = maxBodyBytes;
    this.#clock = clock;
  }

  async run(route: EmulatorRoute, req: IncomingMessage, res: ServerResponse): Promise<FaultOutcome> {
    const fault = this.#faults.take(route);
    if (fault === undefined) return ANSWER;
    this.#stats.faultServed();
    switch (fault.type) {
      case 'drop':
        req.socket.destroy();
        return SERVED;
      case 'hang':
        req.resume();
        return SERVED;
      case 'latency':
        await this.#sleep(fault.ms);
        return this.#closed ? SERVED : ANSWER;
      case 'token-body':
        return { served: false, patch: (reply) => patchReply(reply, fault) };
      case 'rate-limit': {
        const gateway = (req.url ?? '').startsWith(`${API_BASE_PATHS.gateway}/`);
        const reply = rateLimitReply(fault, this.#clock(), gateway);
        sendReply(res, await afterDraining(req, this.#maxBodyBytes, reply));
        return SERVED;
      }
      default: {
        sendReply(res, await afterDraining(req, this.#maxBodyBytes, cannedFaultReply(fault, route)));
        return SERVED;
      }
    }
  }

  /** Ends every latency wait: a request still waiting is never answered. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }
}
