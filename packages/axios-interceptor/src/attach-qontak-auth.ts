import { isQontakAuthError, type AuthorizationHeaders, type RequestAuthorizer } from '@qontak/auth-core';
import {
  CanceledError,
  isAxiosError,
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { withRequestConfig } from './qontak-axios-auth-error';
import type { QontakAxiosOptions } from './qontak-axios-request-options';
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
 * Adds Qontak auth to an axios instance (the default `axios` or one from `axios.create()`), with a
 * request interceptor and a response interceptor.
 *
 * - Each request is authorized by `auth.authorizeRequest()` with its fully resolved URL
 *   (axios's `getUri`: `baseURL` + `url` + `params`), and gets the headers it returns,
 *   which are none for another origin or the token endpoint. A request that already has an
 *   `Authorization` header, or has `qontakAuth: false`, is left alone.
 * - A redirect hop to a URL that `auth` does not authorize (another origin, the token endpoint) is
 *   sent without those headers (node http adapter; the fetch and XHR adapters follow the fetch
 *   standard, which drops `Authorization` across origins).
 * - A 401 to a request sent with those headers drops the credentials it carried
 *   (`auth.handleUnauthorized`) and, unless `replayOnUnauthorized` is off or the body is a one-shot
 *   stream, replays the request ONCE through the instance with fresh ones. A second 401 reaches the
 *   caller as the usual `AxiosError`.
 * - Once a request is done, the credentials are taken out of what the caller gets back (the
 *   response's or the `AxiosError`'s `config.headers`; the Node request object is made
 *   non-enumerable), so logging a response or an error cannot print them.
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

  const authorize = async (config: InternalAxiosRequestConfig): Promise<InternalAxiosRequestConfig> => {
    if (config.qontakAuth === false || config.headers.has('authorization')) return config;
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
    if (any) {
      sentHeaders.set(config, added);
      config.beforeRedirect = redirectGuard.hookFor(added, config.beforeRedirect);
    }
    return config;
  };

  const onResponse = (response: AxiosResponse): AxiosResponse => {
    const added = sentHeaders.get(response.config);
    if (added !== undefined) {
      sentHeaders.delete(response.config);
      scrubCredentials(response.config, added, [response]);
    }
    return response;
  };

  const onError = async (error: unknown): Promise<unknown> => {
    if (!isAxiosError(error) || error.config === undefined) throw error;
    const config = error.config;
    const added = sentHeaders.get(config);
    if (added === undefined) throw error;
    sentHeaders.delete(config);
    scrubCredentials(config, added, [error, error.response]);
    if (error.response?.status !== 401) throw error;
    const own = config.qontakAuth;
    const mayReplay = await auth.handleUnauthorized(added);
    const wanted = (own === false ? undefined : own?.replayOnUnauthorized) ?? replayByDefault;
    if (!mayReplay || !wanted || own instanceof ReplayedRequest || !isReplayableData(config.data))
      throw error;
    return instance.request({
      ...config,
      beforeRedirect: redirectGuard.callerHook(config.beforeRedirect),
      qontakAuth: new ReplayedRequest(own === false ? undefined : own),
    });
  };

  const requestId = instance.interceptors.request.use(authorize);
  const responseId = instance.interceptors.response.use(onResponse, onError);
  return {
    eject() {
      instance.interceptors.request.eject(requestId);
      instance.interceptors.response.eject(responseId);
    },
  };
}
