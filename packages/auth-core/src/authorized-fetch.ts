import type { AuthorizationHeaders, RequestAuthorizer } from './request-authorizer';
import { resolveUrl } from './resolve-url';

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
const NO_HEADERS: AuthorizationHeaders = Object.freeze({});
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

interface Sent {
  response: Response;
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
 * only where the authorizer allows them: a redirect to another origin never carries them.
 */
async function send(
  authorizer: RequestAuthorizer,
  fetchImpl: typeof globalThis.fetch,
  url: URL,
  init: RequestInit,
): Promise<Sent> {
  const redirectMode = init.redirect ?? 'follow';
  const originalOrigin = url.origin;
  let current = url;
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  let dropBodyHeaders = false;
  for (let hop = 0; ; hop++) {
    const headers = new Headers(init.headers);
    if (hop > 0 && current.origin !== originalOrigin) headers.delete('authorization');
    if (dropBodyHeaders) for (const name of BODY_HEADERS) headers.delete(name);
    const authorization = headers.has('authorization')
      ? NO_HEADERS
      : await authorizer.authorizeRequest({ method, url: current, signal: init.signal ?? undefined });
    for (const [name, value] of Object.entries(authorization)) headers.set(name, value);
    const response = await fetchImpl(current, { ...init, method, body, headers, redirect: 'manual' });
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
    const changesToGet =
      (response.status === 303 && method !== 'GET' && method !== 'HEAD') ||
      ((response.status === 301 || response.status === 302) && method === 'POST');
    if (changesToGet) {
      method = 'GET';
      body = undefined;
      dropBodyHeaders = true;
    } else if (!isReplayableBody(body)) {
      return sent;
    }
    await response.body?.cancel();
    current = new URL(location, current);
  }
}

/**
 * `fetch` through a {@link RequestAuthorizer}: resolves paths against its base URL, adds credentials
 * per request (and per redirect hop) only where it allows them, and on a 401 to an authorized request
 * tells the authorizer and replays once when the body can be sent again. A caller's own
 * `Authorization` header is left alone.
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
