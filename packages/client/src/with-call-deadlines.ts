import type { Client } from 'openapi-fetch';
import type { Transport } from './authorized-transport';
import { CallDeadlines } from './call-deadlines';
import type { QontakClient } from './qontak-client';
import type { QontakPaths } from './qontak-paths';

/** The HTTP methods of an `openapi-fetch` client. */
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** The options of one call, as far as the deadline is concerned. */
interface CallInit {
  signal?: AbortSignal | null | undefined;
  parseAs?: string | undefined;
}

/** One call of a method: `(path, init?)`. */
type Call = (path: string, init?: object) => Promise<unknown>;

/**
 * `client` with each call (`GET`, `POST`, ..., `request`) bounded by `timeoutMs`, from the call to its
 * answer read and parsed (see {@link CallDeadlines}): the call sends its request through `transport`
 * with the deadline's signal, which also stands for the caller's `signal` (the request `openapi-fetch`
 * builds carries none, which spares it a signal of its own). `use` and `eject` are the client's own.
 */
export function withCallDeadlines(
  client: Client<QontakPaths>,
  transport: Transport,
  timeoutMs: number,
): QontakClient {
  const deadlines = new CallDeadlines(timeoutMs);
  const bounded = (
    operation: string,
    init: CallInit | undefined,
    call: (init: object) => Promise<unknown>,
  ) => {
    return deadlines.run(operation, init?.signal, init?.parseAs === 'stream', (signal) =>
      call({ ...init, signal: undefined, fetch: (request: Request) => transport(request, signal) }),
    );
  };
  const wrapped: Record<string, unknown> = { ...client };
  for (const method of METHODS) {
    const call = client[method] as unknown as Call;
    wrapped[method] = (path: string, init?: CallInit) =>
      bounded(`${method} ${path}`, init, (options) => call(path, options));
  }
  const request = client.request as unknown as (
    method: string,
    path: string,
    init?: object,
  ) => Promise<unknown>;
  wrapped['request'] = (method: string, path: string, init?: CallInit) =>
    bounded(`${method.toUpperCase()} ${path}`, init, (options) => request(method, path, options));
  return wrapped as unknown as QontakClient;
}
