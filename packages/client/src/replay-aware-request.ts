import type { BuiltRequest } from './authorized-transport';

/** The requests made with a body that is a stream: it is read as it is sent, so it cannot be sent again. */
const streamBodies = new WeakSet<object>();

/** Whether `body` (a `RequestInit` body) is a stream rather than bytes held whole. */
function isStream(body: unknown): boolean {
  return (
    body instanceof ReadableStream ||
    (typeof body === 'object' && body !== null && Symbol.asyncIterator in body)
  );
}

/**
 * The `Request` class of a typed client's call that may be sent again and has a body and a
 * `bodySerializer` of its own (`openapi-fetch` builds that call's request with it): a `Request` that
 * remembers whether it was made with a stream body, so that a retry never sends it again. Every
 * `Request` counts as an instance (`openapi-fetch` checks what a middleware hands back with
 * `instanceof`), so a middleware may return a plain `new Request(...)`.
 */
export class ReplayAwareRequest extends Request {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }

  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    if (isStream(init?.body)) streamBodies.add(this);
  }
}

/** Whether `request` can be sent again with the same body: it has none, or one held whole (JSON, a form, bytes). */
export function isReplayable(request: BuiltRequest): boolean {
  return request.body === null || !streamBodies.has(request);
}
