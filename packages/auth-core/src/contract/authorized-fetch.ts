import { followHops, isReplayableBody, type HopByHopResponse } from './fetch-hop-by-hop';
import { NO_HEADERS, type AuthorizationHeaders, type RequestAuthorizer } from './request-authorizer';
import { resolveHref } from './resolve-url';

/** Whether `headers` is empty (a request that carried no credentials). */
function isEmpty(headers: AuthorizationHeaders): boolean {
  for (const _name in headers) return false;
  return true;
}

/**
 * Sends one request to `url` with the credentials the authorizer gives it (none when the caller set its
 * own `Authorization`), following its redirects hop by hop (`fetchHopByHop`). The credentials are taken
 * at once when the authorizer has them ({@link RequestAuthorizer.authorizeRequestNow}), else awaited;
 * a request without headers of the caller's is sent with the authorizer's (shared, frozen) headers
 * object as is.
 */
function send(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
): Promise<HopByHopResponse> {
  const own = init.headers === undefined ? undefined : new Headers(init.headers);
  if (own?.has('authorization')) return followHops(authorizer, fetchImpl, url, init, own, NO_HEADERS);
  const sendWith = (authorization: AuthorizationHeaders): Promise<HopByHopResponse> => {
    if (own !== undefined) for (const name in authorization) own.set(name, authorization[name]!);
    return followHops(authorizer, fetchImpl, url, init, own ?? authorization, authorization);
  };
  const request = { method: (init.method ?? 'GET').toUpperCase(), url, signal: init.signal ?? undefined };
  const now = authorizer.authorizeRequestNow?.(request);
  return now === undefined ? authorizer.authorizeRequest(request).then(sendWith) : sendWith(now);
}

/**
 * After a 401 to a request that carried `first.authorization`: tells the authorizer, and replays the
 * request once when it says a replay may succeed and the body can be sent again.
 */
async function replayAfterUnauthorized(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  first: HopByHopResponse,
): Promise<Response> {
  const replay = await authorizer.handleUnauthorized(first.authorization);
  if (!replay || !isReplayableBody(init.body)) return first.response;
  await first.response.body?.cancel();
  const second = await send(authorizer, fetchImpl, url, init);
  if (second.response.ok) authorizer.handleAccepted(second.authorization);
  return second.response;
}

/**
 * `fetch` through a {@link RequestAuthorizer}: resolves paths against its base URL, adds credentials
 * to a request the authorizer authorizes (and to its redirect hops while the chain stays authorized),
 * tells the authorizer of each success ({@link RequestAuthorizer.handleAccepted}, with what the last hop
 * carried), and on a 401 to a request that carried them tells the authorizer and replays once when the
 * body can be sent again. A caller's own `Authorization` header is left alone.
 */
export function authorizedFetch(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  input: string | URL,
  init: RequestInit = {},
): Promise<Response> {
  const url = resolveHref(authorizer.baseUrl, input);
  return send(authorizer, fetchImpl, url, init).then((first) => {
    const status = first.response.status;
    if (status >= 200 && status < 300) authorizer.handleAccepted(first.authorization);
    else if (status === 401 && !isEmpty(first.authorization))
      return replayAfterUnauthorized(authorizer, fetchImpl, url, init, first);
    return first.response;
  });
}
