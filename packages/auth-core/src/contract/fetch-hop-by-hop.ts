import type { AuthorizationHeaders, RequestAuthorizer } from './request-authorizer';

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
  return followHops(authorizer, fetchImpl, url, init, new Headers(init.headers), authorization);
}

/**
 * {@link fetchHopByHop} with the first hop's headers already made from `init.headers` (`firstHeaders`,
 * which it changes): for a caller that needed them anyway.
 */
export async function followHops(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  url: URL,
  init: RequestInit,
  firstHeaders: Headers,
  authorization: AuthorizationHeaders,
): Promise<HopByHopResponse> {
  const redirectMode = init.redirect ?? 'follow';
  let current = url;
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  let carried = authorization;
  let sentHeaders = firstHeaders;
  /** The caller's headers as they go on to redirect hops; made at the first redirect. */
  let headers: Headers | undefined;
  for (let hop = 0; ; hop++) {
    for (const [name, value] of Object.entries(carried)) sentHeaders.set(name, value);
    const response = await fetchImpl(current, {
      ...init,
      method,
      body,
      headers: sentHeaders,
      redirect: 'manual',
    });
    const sent = { response, authorization: carried };
    const location = response.headers.get('location');
    if (redirectMode === 'manual' || !REDIRECT_STATUSES.has(response.status) || location === null)
      return sent;
    if (redirectMode === 'error') {
      await response.body?.cancel();
      throw new TypeError(`fetch: redirect (HTTP ${response.status}) with redirect: 'error'`);
    }
    if (hop >= MAX_REDIRECTS) {
      await response.body?.cancel();
      throw new TypeError('fetch: too many redirects');
    }
    headers ??= new Headers(init.headers);
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
    sentHeaders = new Headers(headers);
  }
}
