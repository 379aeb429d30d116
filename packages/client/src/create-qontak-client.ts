import type { RequestAuthorizer } from '@qontak/auth-core';
import createClient, { type ClientOptions } from 'openapi-fetch';
import { authorizedTransport } from './authorized-transport';
import type { QontakClient } from './qontak-client';
import type { QontakPaths } from './qontak-paths';
import { serializePath } from './serialize-path';
import { serializeQuery } from './serialize-query';

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
 * envelope); a failure to get credentials rejects with the `QontakAuthError` of `@qontak/auth-core`.
 * @throws {TypeError} when `baseUrl` is not an absolute URL.
 */
export function createQontakClient(
  authorizer: RequestAuthorizer,
  options: QontakClientOptions = {},
): QontakClient {
  const baseUrl = new URL(options.baseUrl ?? authorizer.apiBaseUrl).href.replace(/\/+$/, '');
  return createClient<QontakPaths>({
    baseUrl,
    headers: options.headers,
    pathSerializer: serializePath,
    querySerializer: serializeQuery,
    fetch: authorizedTransport(authorizer),
  });
}
