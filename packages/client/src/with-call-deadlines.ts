import type { Client } from 'openapi-fetch';
import type { Transport } from './authorized-transport';
import { CallDeadlines } from './call-deadlines';
import { ReplayAwareRequest } from './replay-aware-request';
import { RequestParts } from './request-parts';
import type { QontakClient } from './qontak-client';
import type { QontakPaths } from './qontak-paths';

/** The HTTP methods of an `openapi-fetch` client. */
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** The options of one call, as far as the deadline is concerned. */
interface CallInit {
  signal?: AbortSignal | null | undefined;
  parseAs?: string | undefined;
  body?: unknown;
  bodySerializer?: unknown;
  middleware?: unknown;
}

/** One call of a method: `(path, init?)`. */
type Call = (path: string, init?: object) => Promise<unknown>;

/**
 * `client` with each call (`GET`, `POST`, ..., `request`) bounded by `timeoutMs`, from the call to its
 * answer read and parsed (see {@link CallDeadlines}): the call sends its request through `transport`
 * with the deadline's signal, which also stands for the caller's `signal` (the request `openapi-fetch`
 * builds carries none, which spares it a signal of its own). `use` and `eject` are the client's own
 * (`use` also notes that a middleware was added).
 * A call without a body and without middleware (none given to it, none ever added with `use`) builds
 * its request as {@link RequestParts}: no `Request` that only `fetch` would copy. With `replayAware`
 * (the transport may send a request again), a call with a body and a `bodySerializer` of its own (the
 * only way `openapi-fetch` makes a request whose body is a stream) builds it as a
 * {@link ReplayAwareRequest}, so that such a body is sent once.
 */
export function withCallDeadlines(
  client: Client<QontakPaths>,
  transport: Transport,
  timeoutMs: number,
  replayAware: boolean,
): QontakClient {
  const deadlines = new CallDeadlines(timeoutMs);
  /** Whether a middleware was ever added: the calls then build a `Request`, which middleware may read. */
  let middlewareUsed = false;
  const bounded = (call: Call, method: string, path: string, init: CallInit | undefined) => {
    const deadline = deadlines.enter(init?.signal, init?.parseAs === 'stream');
    const signal = deadline.signal;
    const fetch = (request: Request) => transport(request, signal);
    const requestClass =
      init?.body === undefined && init?.middleware === undefined && !middlewareUsed
        ? RequestParts
        : replayAware && init?.bodySerializer !== undefined
          ? ReplayAwareRequest
          : Request;
    let result: Promise<unknown>;
    try {
      // The caller's signal stays out of the request (the deadline's signal stands for it).
      result = call(
        path,
        init?.signal == null
          ? { Request: requestClass, ...init, fetch }
          : { Request: requestClass, ...init, signal: undefined, fetch },
      );
    } catch (error) {
      result = Promise.reject(error);
    }
    return deadlines.settle(deadline, result, method, path);
  };
  const wrapped: Record<string, unknown> = {
    ...client,
    use: (...middleware: Parameters<typeof client.use>) => {
      middlewareUsed = true;
      client.use(...middleware);
    },
  };
  for (const method of METHODS) {
    const call = client[method] as unknown as Call;
    wrapped[method] = (path: string, init?: CallInit) => bounded(call, method, path, init);
  }
  const request = client.request as unknown as (
    method: string,
    path: string,
    init?: object,
  ) => Promise<unknown>;
  wrapped['request'] = (method: string, path: string, init?: CallInit) =>
    bounded(
      (requestPath, options) => request(method, requestPath, options),
      method.toUpperCase(),
      path,
      init,
    );
  return wrapped as unknown as QontakClient;
}
