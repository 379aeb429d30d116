import type { RequestAuthorizer } from '@qontak/auth-core';

/** The transport `openapi-fetch` calls for each request (its `fetch` option). */
export type Transport = (request: Request) => Promise<Response>;

/**
 * The transport of a typed client: sends each `Request` that `openapi-fetch` built (after every
 * middleware) through `authorizer.fetch`, so the one implementation of the credential rules applies:
 * credentials on the API's origin only (and never gained by a redirect hop), a scheme that signs
 * each request signs the final method, path and query (and each redirect hop), and a 401 is replayed
 * once when the scheme says a replay may succeed. The body is read once (it is small: JSON or a
 * multipart form) so that a replay can send it again.
 */
export function authorizedTransport(authorizer: RequestAuthorizer): Transport {
  return async (request) => {
    const body = request.body === null ? undefined : await request.arrayBuffer();
    return authorizer.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body,
      signal: request.signal,
      redirect: request.redirect,
    });
  };
}
