/**
 * The Open API operations besides health, each one name under both base paths (`/api/open` with a bearer,
 * `/qontak/chat` with the Mekari HMAC signature):
 * `'broadcast-direct'` `POST /v1/broadcasts/whatsapp/direct`, `'broadcast-log'` `GET /v1/broadcasts/{id}/whatsapp/log`,
 * `'templates'` `GET /v1/templates/whatsapp`, `'integrations'` `GET /v1/integrations`,
 * `'bot-message'` `POST /v1/messages/whatsapp/bot`, `'message-interactions'` `PUT /v1/message_interactions`,
 * `'room-interactions'` `PUT /v1/room_interactions`.
 */
export type ApiOperationRoute =
  | 'broadcast-direct'
  | 'broadcast-log'
  | 'templates'
  | 'integrations'
  | 'bot-message'
  | 'message-interactions'
  | 'room-interactions';

/**
 * The routes a fault can be injected into: `POST /oauth/token`, `POST /oauth/revoke`, `GET /api/open/v1/health`,
 * the Mekari-gateway route `GET /qontak/chat/v1/health` (`'gateway-health'`), and every {@link ApiOperationRoute}.
 */
export type EmulatorRoute = 'token' | 'revoke' | 'health' | 'gateway-health' | ApiOperationRoute;

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
  /** Exactly this answer, for fuzzing (`Content-Length` is added unless a length or transfer encoding is given). */
  | { type: 'raw'; status: number; headers?: Record<string, string>; body: string | Uint8Array };

/** Fault injection, per route, first in first out. */
export interface EmulatorFaults {
  /**
   * The next `times` (default 1) requests to `route` get `fault`, after the faults already queued.
   * @throws {TypeError} for an unknown route or fault type.
   * @throws {RangeError} when `times` is not a positive integer, or a status / delay is out of range.
   */
  inject(route: EmulatorRoute, fault: EmulatorFault, times?: number): void;
  /** Forgets every pending fault. */
  clear(): void;
  /** How many requests to `route` (default: all routes) will still get a fault. */
  pending(route?: EmulatorRoute): number;
}

/** Every {@link ApiOperationRoute}, in the order the README lists them. */
export const API_OPERATION_ROUTES: readonly ApiOperationRoute[] = [
  'broadcast-direct',
  'broadcast-log',
  'templates',
  'integrations',
  'bot-message',
  'message-interactions',
  'room-interactions',
];

const ROUTES: readonly EmulatorRoute[] = [
  'token',
  'revoke',
  'health',
  'gateway-health',
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
]);

function checkStatus(status: number | undefined): void {
  if (status !== undefined && (!Number.isInteger(status) || status < 200 || status > 599)) {
    throw new RangeError(
      `@qontak/emulator: a fault status must be an integer from 200 to 599, got ${String(status)}`,
    );
  }
}

function validate(route: EmulatorRoute, fault: EmulatorFault, times: number): void {
  if (!ROUTES.includes(route)) {
    throw new TypeError(`@qontak/emulator: unknown route ${String(route)} (expected ${ROUTES.join(', ')})`);
  }
  if (typeof fault !== 'object' || fault === null || !FAULT_TYPES.has(fault.type)) {
    throw new TypeError(
      `@qontak/emulator: unknown fault type ${String((fault as { type?: unknown } | null)?.type)}`,
    );
  }
  if (!Number.isInteger(times) || times < 1) {
    throw new RangeError(`@qontak/emulator: times must be a positive integer, got ${String(times)}`);
  }
  if (fault.type === 'latency' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) {
    throw new RangeError(
      `@qontak/emulator: latency ms must be a non-negative number, got ${String(fault.ms)}`,
    );
  }
  if (fault.type === 'status' || fault.type === 'raw') checkStatus(fault.status);
  if (fault.type === 'html' || fault.type === 'empty') checkStatus(fault.status);
}

/** The per-route FIFO queues behind `emulator.faults`. */
export class FaultInjector implements EmulatorFaults {
  readonly #queues = new Map<EmulatorRoute, { fault: EmulatorFault; remaining: number }[]>();

  inject(route: EmulatorRoute, fault: EmulatorFault, times = 1): void {
    validate(route, fault, times);
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
