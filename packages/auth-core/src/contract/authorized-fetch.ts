import { followHops, isReplayableBody, type HopByHopResponse } from './fetch-hop-by-hop';
import { NO_HEADERS, type RequestAuthorizer } from './request-authorizer';
import { resolveUrl } from './resolve-url';

/**
 * Sends one request with the credentials the authorizer gives its URL (none when the caller set its
 * own `Authorization`), following its redirects hop by hop (`fetchHopByHop`), and tells the
 * authorizer of a success ({@link RequestAuthorizer.handleAccepted}) with what the last hop carried.
 */
async function send(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  url: URL,
  init: RequestInit,
): Promise<HopByHopResponse> {
  const headers = new Headers(init.headers);
  const authorization = headers.has('authorization')
    ? NO_HEADERS
    : await authorizer.authorizeRequest({
        method: (init.method ?? 'GET').toUpperCase(),
        url,
        signal: init.signal ?? undefined,
      });
  const sent = await followHops(authorizer, fetchImpl, url, init, headers, authorization);
  if (sent.response.ok) authorizer.handleAccepted(sent.authorization);
  return sent;
}

/**
 * `fetch` through a {@link RequestAuthorizer}: resolves paths against its base URL, adds credentials
 * to a request the authorizer authorizes (and to its redirect hops while the chain stays authorized),
 * tells the authorizer of each success, and on a 401 to a request that carried them tells the
 * authorizer and replays once when the body can be sent again. A caller's own `Authorization` header
 * is left alone.
 */
export async function authorizedFetch(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  input: string | URL,
  init: RequestInit = {},
): Promise<Response> {
  const url = resolveUrl(authorizer.baseUrl, input);
  const first = await send(authorizer, fetchImpl, url, init);
  if (first.response.status !== 401 || Object.keys(first.authorization).length === 0) return first.response;
  const replay = await authorizer.handleUnauthorized(first.authorization);
  if (!replay || !isReplayableBody(init.body)) return first.response;
  await first.response.body?.cancel();
  return (await send(authorizer, fetchImpl, url, init)).response;
}
