import { echoed } from '../server/echoed-value';
import { MAX_TIMER_MS } from '../server/integer-option';
import { isJsonObject } from '../server/json';

/**
 * The route name of each Open API operation besides health, one name under both base paths (`/api/open`
 * with a bearer, `/qontak/chat` with the Mekari HMAC signature); the README's table of operations gives
 * each one's method and path.
 */
export type ApiOperationRoute =
  | 'broadcast-direct'
  | 'broadcast-log'
  | 'templates'
  | 'integrations'
  | 'bot-message'
  | 'message-interactions'
  | 'room-interactions'
  | 'agent-message'
  | 'interactive-message'
  | 'file-upload'
  | 'rooms'
  | 'room'
  | 'room-histories'
  | 'room-participants'
  | 'room-resolve'
  | 'room-tag-add'
  | 'room-tag-remove'
  | 'room-assignable-agents'
  | 'room-agent-assign'
  | 'room-agent-unassign'
  | 'room-takeover'
  | 'room-mark-read'
  | 'users'
  | 'contact-block'
  | 'contact-unblock'
  | 'template'
  | 'integration'
  | 'message-interactions-read'
  | 'room-interactions-read'
  | 'contact-list-create'
  | 'contact-lists'
  | 'contact-list'
  | 'broadcast-contact-list'
  | 'broadcasts'
  | 'broadcast'
  | 'broadcast-contacts';

/**
 * The routes a fault can be injected into: `POST /oauth/token`, `POST /oauth/revoke`, `GET /api/open/v1/health`,
 * the Mekari-gateway route `GET /qontak/chat/v1/health` (`'gateway-health'`), every {@link ApiOperationRoute},
 * and `GET /uploads/...` (`'uploaded-file'`, a file uploaded through the API).
 */
export type EmulatorRoute =
  'token' | 'revoke' | 'health' | 'gateway-health' | 'uploaded-file' | ApiOperationRoute;

/** A misbehaviour served instead of (or on top of) the normal answer. */
export type EmulatorFault =
  /** Wait `ms` milliseconds, then answer normally. */
  | { type: 'latency'; ms: number }
  /** A JSON-less `text/plain` error page with that status, plus `Retry-After` when given. */
  | { type: 'status'; status: 500 | 502 | 503 | 429 | number; retryAfter?: string }
  /** 200 `application/json` with a truncated body. */
  | { type: 'malformed-json' }
  /** An nginx-style HTML error page, `text/html` (default status 502). */
  | { type: 'html'; status?: number }
  /** An empty body with `application/json` (default status 200). */
  | { type: 'empty'; status?: number }
  /** Destroy the socket without answering. */
  | { type: 'drop' }
  /** Never answer (until `close()`). */
  | { type: 'hang' }
  /** The real answer (e.g. a real grant) with its JSON body patched and/or fields omitted; non-2xx answers are left alone. */
  | { type: 'token-body'; patch?: Record<string, unknown>; omit?: string[] }
  /**
   * 429 as Qontak's rate limit answers it: `Retry-After: <retryAfterSeconds>` (default 1),
   * `x-ratelimit-limit: <limit>` (default 100), `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (Unix
   * seconds on the emulator's clock when the wait is over), with the error envelope (under `/qontak/chat`,
   * the gateway's `{ message }`).
   */
  | { type: 'rate-limit'; retryAfterSeconds?: number; limit?: number }
  /** Exactly this answer, for fuzzing (`Content-Length` is added unless a length or transfer encoding is given). */
  | { type: 'raw'; status: number; headers?: Record<string, string>; body: string | Uint8Array };

/** Fault injection, per route, first in first out. */
export interface EmulatorFaults {
  /**
   * The next `times` (default 1) requests to `route` get `fault`, after the faults already queued.
   * @throws {TypeError} for an unknown route or fault type, or a `retryAfter`, a `raw` body or headers, or a
   *   `token-body` patch or omit of the wrong type.
   * @throws {RangeError} when `times` is not a positive integer, a status is not an integer from 200 to 599,
   *   a latency `ms` is not a number from 0 to 2147483647, a rate-limit `retryAfterSeconds` not an integer
   *   from 0 to 86400 or its `limit` not one from 1 to 1000000, or 1000 injections are already pending.
   */
  inject(route: EmulatorRoute, fault: EmulatorFault, times?: number): void;
  /** Forgets every pending fault. */
  clear(): void;
  /** How many requests to `route` (default: all routes) will still get a fault. */
  pending(route?: EmulatorRoute): number;
}

/** Every {@link ApiOperationRoute}, in the order of the README's table. */
const API_OPERATION_ROUTES: readonly ApiOperationRoute[] = [
  'broadcast-direct',
  'broadcast-log',
  'templates',
  'integrations',
  'bot-message',
  'message-interactions',
  'room-interactions',
  'agent-message',
  'interactive-message',
  'file-upload',
  'rooms',
  'room',
  'room-histories',
  'room-participants',
  'room-resolve',
  'room-tag-add',
  'room-tag-remove',
  'room-assignable-agents',
  'room-agent-assign',
  'room-agent-unassign',
  'room-takeover',
  'room-mark-read',
  'users',
  'contact-block',
  'contact-unblock',
  'template',
  'integration',
  'message-interactions-read',
  'room-interactions-read',
  'contact-list-create',
  'contact-lists',
  'contact-list',
  'broadcast-contact-list',
  'broadcasts',
  'broadcast',
  'broadcast-contacts',
];

const ROUTES: readonly EmulatorRoute[] = [
  'token',
  'revoke',
  'health',
  'gateway-health',
  'uploaded-file',
  ...API_OPERATION_ROUTES,
];
const FAULT_TYPES = new Set<EmulatorFault['type']>([
  'latency',
  'status',
  'malformed-json',
  'html',
  'empty',
  'drop',
  'hang',
  'token-body',
  'raw',
  'rate-limit',
]);

function checkStatus(status: number | undefined, required = false): void {
  if ((required || status !== undefined) && (!Number.isInteger(status) || status! < 200 || status! > 599)) {
    throw new RangeError(
      `@qontak/emulator: a fault status must be an integer from 200 to 599, got ${echoed(status)}`,
    );
  }
}

/** The longest wait a rate-limit fault may ask for: a day. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

/** The largest limit a rate-limit fault may announce. */
const MAX_RATE_LIMIT = 1_000_000;

function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
    throw new RangeError(
      `@qontak/emulator: ${name} must be an integer from ${min} to ${max}, got ${echoed(value)}`,
    );
  }
}

/** The most fault entries (injections, each for `times` requests) pending at once, over all routes. */
const MAX_PENDING_FAULTS = 1000;

function isStringRecord(value: unknown): value is Record<string, string> {
  return isJsonObject(value) && Object.values(value).every((field) => typeof field === 'string');
}

/** Checks the fields of `fault` that reach the wire (they may come from JSON over the control API). */
function checkFields(fault: EmulatorFault): void {
  const bad = (message: string) => new TypeError(`@qontak/emulator: ${message}`);
  switch (fault.type) {
    case 'latency':
      if (typeof fault.ms !== 'number' || !(fault.ms >= 0 && fault.ms <= MAX_TIMER_MS)) {
        throw new RangeError(
          `@qontak/emulator: latency ms must be a number from 0 to ${MAX_TIMER_MS}, got ${echoed(fault.ms)}`,
        );
      }
      return;
    case 'status':
      checkStatus(fault.status, true);
      if (fault.retryAfter !== undefined && typeof fault.retryAfter !== 'string') {
        throw bad('a status fault retryAfter must be a string');
      }
      return;
    case 'html':
    case 'empty':
      checkStatus(fault.status);
      return;
    case 'raw':
      checkStatus(fault.status, true);
      if (typeof fault.body !== 'string' && !(fault.body instanceof Uint8Array)) {
        throw bad('a raw body must be a string or a Uint8Array');
      }
      if (fault.headers !== undefined && !isStringRecord(fault.headers)) {
        throw bad('raw headers must be an object of strings');
      }
      return;
    case 'rate-limit':
      checkInteger('a rate-limit retryAfterSeconds', fault.retryAfterSeconds, 0, MAX_RETRY_AFTER_SECONDS);
      checkInteger('a rate-limit limit', fault.limit, 1, MAX_RATE_LIMIT);
      return;
    case 'token-body':
      if (fault.patch !== undefined && !isJsonObject(fault.patch)) {
        throw bad('a token-body patch must be an object');
      }
      if (
        fault.omit !== undefined &&
        !(Array.isArray(fault.omit) && fault.omit.every((field) => typeof field === 'string'))
      ) {
        throw bad('a token-body omit must be an array of strings');
      }
      return;
    default:
      return;
  }
}

function validate(route: EmulatorRoute, fault: EmulatorFault, times: number): void {
  if (!ROUTES.includes(route)) {
    throw new TypeError(`@qontak/emulator: unknown route ${echoed(route)} (expected ${ROUTES.join(', ')})`);
  }
  if (typeof fault !== 'object' || fault === null || !FAULT_TYPES.has(fault.type)) {
    throw new TypeError(
      `@qontak/emulator: unknown fault type ${echoed((fault as { type?: unknown } | null)?.type)}`,
    );
  }
  if (!Number.isInteger(times) || times < 1) {
    throw new RangeError(`@qontak/emulator: times must be a positive integer, got ${echoed(times)}`);
  }
  checkFields(fault);
}

/** The per-route FIFO queues behind `emulator.faults`. */
export class FaultInjector implements EmulatorFaults {
  readonly #queues = new Map<EmulatorRoute, { fault: EmulatorFault; remaining: number }[]>();

  inject(route: EmulatorRoute, fault: EmulatorFault, times = 1): void {
    validate(route, fault, times);
    let entries = 0;
    for (const queue of this.#queues.values()) entries += queue.length;
    if (entries >= MAX_PENDING_FAULTS) {
      throw new RangeError(
        `@qontak/emulator: ${MAX_PENDING_FAULTS} faults are already pending; clear them or let them be served`,
      );
    }
    const queue = this.#queues.get(route) ?? [];
    queue.push({ fault: { ...fault }, remaining: times });
    this.#queues.set(route, queue);
  }

  clear(): void {
    this.#queues.clear();
  }

  pending(route?: EmulatorRoute): number {
    const routes = route === undefined ? ROUTES : [route];
    let count = 0;
    for (const r of routes) for (const entry of this.#queues.get(r) ?? []) count += entry.remaining;
    return count;
  }

  /** How many requests to each route will still get a fault (routes without one left out). */
  pendingByRoute(): Partial<Record<EmulatorRoute, number>> {
    const pending: Partial<Record<EmulatorRoute, number>> = {};
    for (const route of ROUTES) {
      const count = this.pending(route);
      if (count > 0) pending[route] = count;
    }
    return pending;
  }

  /** Takes the next fault for a request to `route`, if any. */
  take(route: EmulatorRoute): EmulatorFault | undefined {
    const queue = this.#queues.get(route);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) queue.shift();
    return head.fault;
  }
}
