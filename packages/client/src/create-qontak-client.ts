import type { RequestAuthorizer } from '@qontak/auth-core';
import { MAX_TIMER_MS } from '@qontak/auth-core/adapter';
import createClient, { type ClientOptions } from 'openapi-fetch';
import { authorizedSender, sendingOnce } from './authorized-transport';
import { integerOption } from './integer-option';
import { retryPolicy, type QontakRetryOptions } from './retry-options';
import { retryingTransport } from './retrying-transport';
import { withCallDeadlines } from './with-call-deadlines';
import type { QontakClient } from './qontak-client';
import type { QontakPaths } from './qontak-paths';
import { serializePath } from './serialize-path';
import { serializeQuery } from './serialize-query';

/** Default {@link QontakClientOptions.maxResponseBytes}: 10 MiB. */
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Default {@link QontakClientOptions.timeoutMs}: 30 s. */
const DEFAULT_TIMEOUT_MS = 30_000;
const OWNER = 'createQontakClient';

/** Options of {@link createQontakClient}. */
export interface QontakClientOptions {
  /**
   * Where the Open API lives (the operation paths `/v1/...` go after it). Default: the authorizer's
   * `apiBaseUrl` (`https://chat-service.qontak.com/api/open` with a bearer token,
   * `https://api.mekari.com/qontak/chat` through the Mekari gateway). Requests outside what the
   * authorizer allows (another origin, or a path outside its API base path) are sent without credentials.
   */
  baseUrl?: string | undefined;
  /** Headers sent with every request (e.g. a `User-Agent`). Default none. */
  headers?: ClientOptions['headers'];
  /**
   * The most bytes of one answer read (after content decoding), 1 to `Number.MAX_SAFE_INTEGER`. A larger
   * answer is not downloaded further: the call rejects with a `QontakApiError` `response_too_large`.
   * Default 10 MiB (10_485_760).
   */
  maxResponseBytes?: number | undefined;
  /**
   * The longest one call may take, from the call until its answer is read and parsed (waiting for
   * credentials and a replay after a 401 included; with `parseAs: 'stream'`, until the stream is handed
   * over), in ms, 1 to 2_147_483_647. Past it (at most 1% of it, 10 ms at most, later: calls started
   * that close together share one timer) the request is aborted and the call rejects with a
   * `QontakApiError` `timeout`. Default 30_000.
   */
  timeoutMs?: number | undefined;
  /**
   * How a rate-limited or unavailable answer is sent again: a 429 for every method (Qontak did not act
   * on it), a 502, 503 or 504 for `GET`, `HEAD`, `PUT`, `DELETE` and `OPTIONS` only, after the wait its
   * `Retry-After` or `x-ratelimit-reset` asks for (a short jittered backoff when it says neither), within
   * `timeoutMs`. After the last attempt, or when the wait asked for is too long, the call resolves to
   * that answer (`{ error, response }`), read within `maxResponseBytes` (an answer sent again is not
   * read). A request whose body is a stream is sent once. Each retryable answer is published on the
   * `qontak:client:retry` diagnostics channel. `false`: every request is sent once. Default `{}`: the
   * defaults of {@link QontakRetryOptions}.
   */
  retry?: QontakRetryOptions | false | undefined;
}

/**
 * The typed Qontak Chat Open API client on `authorizer`, any scheme: a `QontakAuth` (password grant),
 * a `QontakAccessTokenAuth` (dashboard token) or a `MekariHmacAuth` (gateway signatures); the same
 * code runs on each. Credentials are added at the transport, after every `openapi-fetch` middleware
 * (`client.use(...)`), by `authorizer.fetch`: only under the API base path, one replay after a 401 when
 * the scheme says it may succeed, HMAC signatures over the final path and query.
 *
 * Path parameters must each be one plain path segment (a string, number, bigint or boolean, not empty,
 * without `/` or `\`, not `.` or `..` in any percent-encoded spelling): anything else, such as the
 * object Express 4's query parser makes of `?id[../../admin]=1`, throws a `TypeError` before anything
 * is sent. Query names and values are both percent-encoded.
 *
 * HTTP errors keep `openapi-fetch`'s `{ data, error, response }` convention (`error` is Qontak's error
 * envelope); a failure to get credentials rejects with the `QontakAuthError` of `@qontak/auth-core`; an
 * answer larger than `maxResponseBytes` or slower than `timeoutMs` rejects with a `QontakApiError`.
 * @throws {TypeError} when `baseUrl` is not an absolute URL, or `retry` is neither `false` nor an object.
 * @throws {RangeError} for a `maxResponseBytes`, `timeoutMs` or `retry` number out of range.
 */
export function createQontakClient(
  authorizer: RequestAuthorizer,
  options: QontakClientOptions = {},
): QontakClient {
  const baseUrl = new URL(options.baseUrl ?? authorizer.apiBaseUrl).href.replace(/\/+$/, '');
  const maxResponseBytes = integerOption(
    options.maxResponseBytes,
    DEFAULT_MAX_RESPONSE_BYTES,
    Number.MAX_SAFE_INTEGER,
    OWNER,
    'maxResponseBytes',
  );
  const timeoutMs = integerOption(options.timeoutMs, DEFAULT_TIMEOUT_MS, MAX_TIMER_MS, OWNER, 'timeoutMs');
  const retry = retryPolicy(options.retry, OWNER);
  const sender = authorizedSender(authorizer, maxResponseBytes);
  const transport = retry === undefined ? sendingOnce(sender) : retryingTransport(sender, retry, timeoutMs);
  const client = createClient<QontakPaths>({
    baseUrl,
    headers: options.headers,
    pathSerializer: serializePath,
    querySerializer: serializeQuery,
    // Each call gives its own `fetch`, with its deadline's signal (see withCallDeadlines).
    fetch: (request) => transport(request, request.signal),
  });
  return withCallDeadlines(client, transport, timeoutMs, retry !== undefined);
}
