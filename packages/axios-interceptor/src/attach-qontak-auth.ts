import { isQontakAuthError, type AuthorizationHeaders, type RequestAuthorizer } from '@qontak/auth-core';
import {
  CanceledError,
  isAxiosError,
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { AuthorizingAdapters } from './authorizing-adapter';
import { withRequestConfig } from './qontak-axios-auth-error';
import type { QontakAxiosOptions } from './qontak-axios-request-options';
import { lastHopOf } from './hop-by-hop-fetch';
import { RedirectGuard } from './redirect-guard';
import { requestUrl } from './request-url';
import { scrubCredentials } from './scrub-credentials';
import { isReplayableData } from './replayable-data';
import { ReplayedRequest } from './replayed-request';

/** What {@link attachQontakAuth} returns. */
export interface QontakAuthAttachment {
  /** Removes both interceptors: later requests of the instance are sent as if it was never attached. */
  eject(): void;
}

/**
 * Whether `response` came from a request whose last hop carried `added` (a hop to another origin, or
 * one the authorizer does not authorize, had them removed): the last hop's Node `ClientRequest` still
 * had every one of those headers (http adapter), or the core's hop-by-hop send says so (fetch
 * adapter). Any other adapter sends it with `redirect: 'manual'`, so its answer comes from its own
 * URL, which decides.
 */
function lastHopCarried(
  response: AxiosResponse | undefined,
  config: InternalAxiosRequestConfig,
  added: AuthorizationHeaders,
  auth: RequestAuthorizer,
): boolean {
  const request = response?.request as { getHeader?: (name: string) => unknown } | undefined;
  if (typeof request?.getHeader === 'function') {
    for (const name in added) if (request.getHeader(name) === undefined) return false;
    return true;
  }
  const lastHop = lastHopOf(config);
  if (lastHop !== undefined) {
    for (const name in added) if (lastHop[name] === undefined) return false;
    return true;
  }
  return auth.isAuthorizedUrl(requestUrl(config));
}

/** Whether `status` is a success: Qontak accepted the credentials a request carried. */
function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * Adds Qontak auth to an axios instance (the default `axios` or one from `axios.create()`).
 *
 * - Each request is authorized by `auth.authorizeRequest()` with the URL it is finally sent to
 *   (axios's `getUri`: `baseURL` + `url` + `params`, after every request interceptor, whatever order
 *   they were added in), and gets the headers it returns, which are none for another origin or the
 *   token endpoint. A request that already has an `Authorization` header, or has
 *   `qontakAuth: false`, is left alone.
 * - A redirect chain keeps those headers only while every hop is one `auth` authorizes (a hop never
 *   gains them, and a scheme that signs each request signs each hop afresh): node's http adapter
 *   through a `beforeRedirect` guard, axios's fetch adapter hop by hop as `auth.fetch` follows them
 *   (the core's `fetchHopByHop`). Any other adapter sends a request that carries credentials with
 *   `redirect: 'manual'`: the caller gets the 3xx.
 * - A 2xx to a request whose last hop carried those headers tells `auth` they were accepted
 *   (`auth.handleAccepted`), so that a later 401 to them counts as a revocation.
 * - A 401 to a request whose last hop carried those headers tells `auth` (`auth.handleUnauthorized`:
 *   a revoked token is dropped at once; one never accepted within the bound of the core's
 *   `unauthorizedRegrantIntervalMs`) and, when `auth` says a
 *   replay may succeed and `replayOnUnauthorized` is on and the body is not a one-shot stream,
 *   replays the request ONCE through the instance. Any other 401 reaches the caller as the usual
 *   `AxiosError`.
 * - Once a request is done, the credentials are taken out of everything the caller gets back (the
 *   response's or the `AxiosError`'s `config.headers`, the Node request objects and their sent header
 *   block, a stream response's request), so logging a response or an error, at any depth, cannot
 *   print them.
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
  const replayByDefault = options.replayOnUnauthorized ?? true;
  /** The headers this interceptor added to each request in flight (absent: it added none). */
  const sentHeaders = new WeakMap<InternalAxiosRequestConfig, AuthorizationHeaders>();
  const redirectGuard = new RedirectGuard(auth);

  /** Adds the credentials `auth` gives for `config`'s final URL; those it added, if any. */
  const authorize = async (config: InternalAxiosRequestConfig): Promise<AuthorizationHeaders | undefined> => {
    if (config.qontakAuth === false || config.headers.has('authorization')) return undefined;
    const signal = config.signal instanceof AbortSignal ? config.signal : undefined;
    let added: AuthorizationHeaders;
    try {
      added = await auth.authorizeRequest({ method: config.method, url: requestUrl(config), signal });
    } catch (error) {
      if (signal?.aborted) throw new CanceledError(undefined, config);
      throw isQontakAuthError(error) ? withRequestConfig(error, config) : error;
    }
    let any = false;
    for (const name in added) {
      config.headers.set(name, added[name]);
      any = true;
    }
    if (!any) return undefined;
    sentHeaders.set(config, added);
    config.beforeRedirect = redirectGuard.hookFor(added, config.beforeRedirect);
    return added;
  };
  const adapters = new AuthorizingAdapters(auth, authorize);

  const onRequest = (config: InternalAxiosRequestConfig): InternalAxiosRequestConfig => {
    if (config.qontakAuth !== false) config.adapter = adapters.for(config.adapter);
    return config;
  };

  /**
   * After a 401 to a request whose last hop carried `added`: tells `auth`, and replays the request
   * once when `auth` says a replay may succeed and the request allows it; `undefined` when not replayed.
   */
  const replayAfterUnauthorized = async (
    config: InternalAxiosRequestConfig,
    added: AuthorizationHeaders,
  ): Promise<AxiosResponse | undefined> => {
    const own = config.qontakAuth;
    const mayReplay = await auth.handleUnauthorized(added);
    const wanted = (own === false ? undefined : own?.replayOnUnauthorized) ?? replayByDefault;
    if (!mayReplay || !wanted || own instanceof ReplayedRequest || !isReplayableData(config.data))
      return undefined;
    return instance.request({
      ...config,
      beforeRedirect: redirectGuard.callerHook(config.beforeRedirect),
      qontakAuth: new ReplayedRequest(own === false ? undefined : own),
    });
  };

  // Not async: a response that needs no replay is handed on without another promise.
  const onResponse = (response: AxiosResponse): AxiosResponse | Promise<AxiosResponse> => {
    const config = response.config;
    const added = sentHeaders.get(config);
    if (added === undefined) return response;
    sentHeaders.delete(config);
    // A 401 the instance's validateStatus accepts is still Qontak's word on the credentials.
    const status = response.status;
    const carried = (status === 401 || isSuccess(status)) && lastHopCarried(response, config, added, auth);
    scrubCredentials(config, added, [{ response }]);
    if (!carried) return response;
    if (status !== 401) {
      auth.handleAccepted(added);
      return response;
    }
    return replayAfterUnauthorized(config, added).then((replayed) => replayed ?? response);
  };

  const onError = async (error: unknown): Promise<unknown> => {
    if (!isAxiosError(error) || error.config === undefined) throw error;
    const config = error.config;
    const added = sentHeaders.get(config);
    if (added === undefined) throw error;
    sentHeaders.delete(config);
    const carried = error.response?.status === 401 && lastHopCarried(error.response, config, added, auth);
    scrubCredentials(config, added, [error]);
    if (!carried) throw error;
    const replayed = await replayAfterUnauthorized(config, added);
    if (replayed === undefined) throw error;
    return replayed;
  };

  // Synchronous: it only swaps the adapter, so axios may skip a promise per request (when every
  // request interceptor of the instance is synchronous).
  const requestId = instance.interceptors.request.use(onRequest, undefined, { synchronous: true });
  const responseId = instance.interceptors.response.use(onResponse, onError);
  return {
    eject() {
      instance.interceptors.request.eject(requestId);
      instance.interceptors.response.eject(responseId);
    },
  };
}
