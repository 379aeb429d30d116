import { NO_HEADERS, type AuthorizationHeaders, type RequestAuthorizer } from './request-authorizer';
import { resolveUrl } from './resolve-url';

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

interface Sent {
  response: Response;
  /** The credentials the authorizer added to the request that got `response` (the last hop). */
  authorization: AuthorizationHeaders;
}

/** Whether `body` can be sent a second time (not a one-shot stream). */
function isReplayableBody(body: RequestInit['body']): boolean {
  return (
    !(body instanceof ReadableStream) &&
    !(typeof body === 'object' && body !== null && Symbol.asyncIterator in body)
  );
}

/**
 * Sends one request and follows its redirects by hand, so that credentials are added per hop and
 * only where the authorizer allows them ({@link RequestAuthorizer.authorizeRedirect}: a hop never
 * gains them); the caller's own
 * credential headers (`Authorization`, `Proxy-Authorization`, `Cookie`) are dropped for good at the
 * first hop to another origin, as `fetch` itself does.
 */
async function send(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  url: URL,
  init: RequestInit,
): Promise<Sent> {
  const redirectMode = init.redirect ?? 'follow';
  let current = url;
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  let sentHeaders = new Headers(init.headers);
  let authorization = sentHeaders.has('authorization')
    ? NO_HEADERS
    : await authorizer.authorizeRequest({ method, url: current, signal: init.signal ?? undefined });
  /** The caller's headers as they go on to redirect hops; made at the first redirect. */
  let headers: Headers | undefined;
  for (let hop = 0; ; hop++) {
    for (const [name, value] of Object.entries(authorization)) sentHeaders.set(name, value);
    const response = await fetchImpl(current, {
      ...init,
      method,
      body,
      headers: sentHeaders,
      redirect: 'manual',
    });
    const sent = { response, authorization };
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
    authorization = authorizer.authorizeRedirect({ method, url: next }, authorization);
    current = next;
    sentHeaders = new Headers(headers);
  }
}

/**
 * `fetch` through a {@link RequestAuthorizer}: resolves paths against its base URL, adds credentials
 * to a request the authorizer authorizes (and to its redirect hops while the chain stays authorized),
 * and on a 401 to a request that carried them tells the authorizer and replays once when the body
 * can be sent again. A caller's own `Authorization` header is left alone.
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
