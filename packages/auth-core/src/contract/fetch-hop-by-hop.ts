import type { AuthorizationHeaders, RequestAuthorizer } from './request-authorizer';
import { rememberSentHeaders } from './sent-credentials';

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];
/** Headers that carry a credential of the caller's: never sent on to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'cookie2'];

/** What {@link fetchHopByHop} answers. */
export interface HopByHopResponse {
  /** The last hop's response. */
  readonly response: Response;
  /** The authorizer's headers the last hop carried: empty when the chain had left the authorized URLs. */
  readonly authorization: AuthorizationHeaders;
}

/** Whether `body` can be sent a second time (not a one-shot stream). */
export function isReplayableBody(body: RequestInit['body']): boolean {
  return (
    !(body instanceof ReadableStream) &&
    !(typeof body === 'object' && body !== null && Symbol.asyncIterator in body)
  );
}

/**
 * Sends one request with `authorization` added, and follows its redirects by hand as `fetch` would
 * (`init.redirect`: `follow` by default, `manual` answers the 3xx, `error` throws a `TypeError`; at
 * most 20 hops; a 303, or a 301/302 to a POST, becomes a GET without a body; a hop that would resend a
 * one-shot stream body is not made, its 3xx is answered), so that credentials are added per hop and
 * only where the authorizer allows them ({@link RequestAuthorizer.authorizeRedirect}: a hop never
 * gains them, and once the chain leaves the authorized URLs they never come back). The caller's own
 * credential headers in `init.headers` (`Authorization`, `Proxy-Authorization`, `Cookie`) are dropped
 * for good at the first hop to another origin, as `fetch` itself does.
 *
 * For HTTP clients that carry an authorizer's credentials: `auth.fetch` is built on it, and so is the
 * axios interceptor under axios's fetch adapter.
 *
 * @param authorizer decides the credentials of each hop.
 * @param fetchImpl sends each hop (with `redirect: 'manual'`).
 * @param url the first hop's URL.
 * @param init the request, with the caller's headers only (not `authorization`).
 * @param authorization the authorizer's headers for the first hop (`authorizeRequest`), `{}` for none.
 * @throws {TypeError} on a redirect with `redirect: 'error'` or after too many hops; otherwise what `fetchImpl` throws.
 */
export function fetchHopByHop(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  url: URL,
  init: RequestInit,
  authorization: AuthorizationHeaders,
): Promise<HopByHopResponse> {
  const headers = new Headers(init.headers);
  for (const name in authorization) headers.set(name, authorization[name]!);
  return followHops(authorizer, fetchImpl, url, init, headers, authorization);
}

/** What a hop that answered `response` hands on: the answer, and the credentials the hop carried. */
function answered(response: Response, authorization: AuthorizationHeaders): HopByHopResponse {
  return { response, authorization };
}

/**
 * {@link fetchHopByHop} with the first hop's headers already made: `firstHeaders` (not changed here) are
 * the caller's headers of `init.headers` with `authorization` set on them, or `authorization` itself for
 * a request without headers of the caller's. For a caller that made them anyway. The first hop is sent
 * with `init` as it is (its method, body and options), plus those headers and `redirect: 'manual'`.
 */
export function followHops(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  url: string | URL,
  init: RequestInit,
  firstHeaders: HeadersInit,
  authorization: AuthorizationHeaders,
): Promise<HopByHopResponse> {
  const method = init.method?.toUpperCase();
  const first: RequestInit = { ...init, headers: firstHeaders, redirect: 'manual' };
  if (method !== undefined) first.method = method;
  return fetchImpl(url, first).then((response) => {
    rememberSentHeaders(response, firstHeaders);
    if (init.redirect === 'manual' || !REDIRECT_STATUSES.has(response.status)) {
      return answered(response, authorization);
    }
    return redirected(authorizer, fetchImpl, url, init, response, authorization);
  });
}

/**
 * Follows the redirects of a request whose first hop to `url` answered `response` (a redirect status),
 * as {@link fetchHopByHop} describes.
 */
async function redirected(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  url: string | URL,
  init: RequestInit,
  firstResponse: Response,
  authorization: AuthorizationHeaders,
): Promise<HopByHopResponse> {
  const redirectMode = init.redirect ?? 'follow';
  let current: URL = typeof url === 'string' ? new URL(url) : url;
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  let carried = authorization;
  let response = firstResponse;
  /** The caller's headers as they go on to redirect hops. */
  const headers = new Headers(init.headers);
  for (let hop = 0; ; hop++) {
    const sent = answered(response, carried);
    const location = response.headers.get('location');
    if (location === null || !REDIRECT_STATUSES.has(response.status)) return sent;
    if (redirectMode === 'error') {
      await response.body?.cancel();
      throw new TypeError(`fetch: redirect (HTTP ${response.status}) with redirect: 'error'`);
    }
    if (hop >= MAX_REDIRECTS) {
      await response.body?.cancel();
      throw new TypeError('fetch: too many redirects');
    }
    const changesToGet =
      (response.status === 303 && method !== 'GET' && method !== 'HEAD') ||
      ((response.status === 301 || response.status === 302) && method === 'POST');
    if (changesToGet) {
      method = 'GET';
      body = undefined;
      for (const name of BODY_HEADERS) headers.delete(name);
    } else if (!isReplayableBody(body)) {
      return sent;
    }
    await response.body?.cancel();
    const next = new URL(location, current);
    if (next.origin !== current.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
    carried = authorizer.authorizeRedirect({ method, url: next }, carried);
    current = next;
    const hopHeaders = new Headers(headers);
    for (const name in carried) hopHeaders.set(name, carried[name]!);
    response = await fetchImpl(current, { ...init, method, body, headers: hopHeaders, redirect: 'manual' });
    rememberSentHeaders(response, hopHeaders);
  }
}
