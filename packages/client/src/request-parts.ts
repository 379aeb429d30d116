/**
 * The request of a call without a body and without middleware, as `openapi-fetch` builds it with its
 * `Request` class: the URL, method, headers and redirect mode the transport sends, kept as given. No
 * `fetch` `Request` is made of them here: nothing but the transport sees this request, and it sends
 * the parts through `authorizer.fetch`, whose `fetch` makes the one `Request` (and refuses a URL that
 * is not valid with its `TypeError`).
 */
export class RequestParts {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly redirect: RequestRedirect;
  readonly body: null = null;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.redirect = init.redirect ?? 'follow';
  }

  /** An empty body: the request has none. */
  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new ArrayBuffer(0));
  }
}
