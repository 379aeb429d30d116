import type { RequestAuthorizer } from '@qontak/auth-core';
import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import { AuthorizedRequests } from './authorized-requests';
import { AuthorizingAdapters } from './authorizing-adapter';
import type { QontakAxiosOptions } from './qontak-axios-request-options';
import { scrubRequestsOnSend } from './scrub-on-send';

/** What {@link attachQontakAuth} returns. */
export interface QontakAuthAttachment {
  /** Removes both interceptors: later requests of the instance are sent as if it was never attached. */
  eject(): void;
}

/**
 * Adds Qontak auth to an axios instance (the default `axios` or one from `axios.create()`): a
 * synchronous request interceptor puts an authorizing adapter in front of the request's own, and a
 * response interceptor replays a 401.
 *
 * - Each request is authorized with the URL it is finally sent to (axios's `getUri`: `baseURL` + `url`
 *   + `params`, after every request interceptor, whatever order they were added in), and gets the
 *   headers `auth` gives it (`authorizeRequestNow` when `auth` has them at once, else
 *   `authorizeRequest`), which are none for another origin or the token endpoint. A request that
 *   already has an `Authorization` header, or has `qontakAuth: false`, is left alone.
 * - A redirect chain keeps those headers only while every hop is one `auth` authorizes (a hop never
 *   gains them, and a scheme that signs each request signs each hop afresh): node's http adapter
 *   through a `beforeRedirect` guard, axios's fetch adapter hop by hop as `auth.fetch` follows them
 *   (the core's `fetchHopByHop`). Any other adapter sends a request that carries credentials with
 *   `redirect: 'manual'`: the caller gets the 3xx.
 * - A 2xx to a request whose last hop carried those headers tells `auth` they were accepted
 *   (`auth.handleAccepted`, in the adapter, before any response interceptor sees the answer), so that
 *   a later 401 to them counts as a revocation.
 * - A 401 to a request whose last hop carried those headers tells `auth` (`auth.handleUnauthorized`:
 *   a revoked token is dropped at once; one never accepted within the bound of the core's
 *   `unauthorizedRegrantIntervalMs`) and, when `auth` says a replay may succeed and
 *   `replayOnUnauthorized` is on and the body is not a one-shot stream, replays the request ONCE
 *   through the instance (from the response interceptor). Any other 401 reaches the caller as the
 *   usual `AxiosError`.
 * - No credential stays in what a request leaves behind: each hop's Node `ClientRequest` has it
 *   redacted from its sent header block and header map the moment Node has sent it (a redirected or
 *   aborted hop stays reachable from its keep-alive socket, so from older responses that used the
 *   socket), and once the request is done it is taken out of everything the caller gets back (the
 *   response's or the `AxiosError`'s `config.headers`, follow-redirects' hop options, a stream
 *   response's request, a fetch `Request`): logging a response or an error, at any depth, cannot
 *   print it.
 * - When no credentials can be had, the request is not sent and rejects with a `QontakAuthError`
 *   (see {@link QontakAxiosAuthError}: the core's error with the request's `config`); when the
 *   request's `signal` aborts while it waits for them, with axios's `CanceledError`.
 *
 * @param instance the axios instance to extend; works with several instances sharing one `auth`.
 * @param auth a `QontakAuth` (or any `RequestAuthorizer`): the interceptor holds no token itself.
 * @param options defaults for every request of this instance.
 * @returns `{ eject() }` to remove both interceptors.
 */
export function attachQontakAuth(
  instance: AxiosInstance,
  auth: RequestAuthorizer,
  options: QontakAxiosOptions = {},
): QontakAuthAttachment {
  scrubRequestsOnSend();
  const requests = new AuthorizedRequests(instance, auth, options.replayOnUnauthorized ?? true);
  const adapters = new AuthorizingAdapters(auth, requests);
  const onRequest = (config: InternalAxiosRequestConfig): InternalAxiosRequestConfig => {
    if (config.qontakAuth !== false) config.adapter = adapters.for(config.adapter);
    return config;
  };
  // Synchronous: it only swaps the adapter, so axios may skip a promise per request (when every
  // request interceptor of the instance is synchronous).
  const requestId = instance.interceptors.request.use(onRequest, undefined, { synchronous: true });
  const responseId = instance.interceptors.response.use(requests.onResponse, requests.onError);
  return {
    eject() {
      instance.interceptors.request.eject(requestId);
      instance.interceptors.response.eject(responseId);
    },
  };
}
