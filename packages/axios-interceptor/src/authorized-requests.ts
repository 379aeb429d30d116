import { isQontakAuthError, type AuthorizationHeaders, type RequestAuthorizer } from '@qontak/auth-core';
import {
  CanceledError,
  isAxiosError,
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { lastHopOf } from './hop-by-hop-fetch';
import { withRequestConfig } from './qontak-axios-auth-error';
import { RedirectGuard } from './redirect-guard';
import { ReplayedRequest } from './replayed-request';
import { isReplayableData } from './replayable-data';
import { requestUrl } from './request-url';
import { scrubCredentials } from './scrub-credentials';

/** Sends `config`, which carries `added` (empty: no credentials), with the adapter its setting names. */
export type SendRequest = (
  config: InternalAxiosRequestConfig,
  added: AuthorizationHeaders,
) => Promise<AxiosResponse>;

const NONE: AuthorizationHeaders = Object.freeze({});

/** Whether `status` is a success: Qontak accepted the credentials a request carried. */
function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * Whether `response` came from a request whose last hop carried `added` (a hop to another origin, or
 * one the authorizer does not authorize, had them removed): the last hop's Node `ClientRequest` still
 * has every one of those headers in its header map (http adapter; their values are redacted once
 * sent), or the core's hop-by-hop send says so (fetch adapter). Any other adapter sends it with
 * `redirect: 'manual'`, so its answer comes from its own URL, which decides.
 */
function lastHopCarried(
  response: AxiosResponse,
  config: InternalAxiosRequestConfig,
  added: AuthorizationHeaders,
  auth: RequestAuthorizer,
): boolean {
  const request = response.request as { getHeader?: (name: string) => unknown } | undefined;
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

/**
 * The requests of one attached instance, from its adapter to its answer. Each is authorized for the
 * URL it is finally sent to and sent; its answer is handled in the adapter, before any response
 * interceptor sees it (the credentials scrubbed, a success reported to `auth`), except the replay of
 * a 401, which goes through the instance again from its response interceptor ({@link onResponse},
 * {@link onError}).
 */
export class AuthorizedRequests {
  readonly #instance: AxiosInstance;
  readonly #auth: RequestAuthorizer;
  readonly #replayByDefault: boolean;
  readonly #redirectGuard: RedirectGuard;
  /** Requests answered 401 to the credentials they carried (`added`), until the response interceptor sees them. */
  readonly #unauthorized = new WeakMap<InternalAxiosRequestConfig, AuthorizationHeaders>();

  constructor(instance: AxiosInstance, auth: RequestAuthorizer, replayByDefault: boolean) {
    this.#instance = instance;
    this.#auth = auth;
    this.#replayByDefault = replayByDefault;
    this.#redirectGuard = new RedirectGuard(auth);
  }

  /**
   * Sends `config` with `send`, with the credentials `auth` gives its final URL: at once when `auth`
   * has them (`authorizeRequestNow`), else once `authorizeRequest` resolves. A request with
   * `qontakAuth: false` or its own `Authorization` header is sent as it is.
   * @throws (rejects with) a {@link QontakAxiosAuthError} when no credentials can be had; axios's
   *   `CanceledError` when the request's `signal` aborts while it waits for them.
   */
  send(config: InternalAxiosRequestConfig, send: SendRequest): Promise<AxiosResponse> {
    if (config.qontakAuth === false || config.headers.has('authorization')) return send(config, NONE);
    const request = { method: config.method, url: requestUrl(config) };
    const now = this.#auth.authorizeRequestNow?.(request);
    if (now !== undefined) return this.#sendWith(config, send, now);
    const signal = config.signal instanceof AbortSignal ? config.signal : undefined;
    return this.#auth.authorizeRequest({ ...request, signal }).then(
      (added) => this.#sendWith(config, send, added),
      (error: unknown) => {
        if (signal?.aborted) throw new CanceledError(undefined, config);
        throw isQontakAuthError(error) ? withRequestConfig(error, config) : error;
      },
    );
  }

  /** Adds `added` to `config`, sends it, and handles its answer. */
  #sendWith(
    config: InternalAxiosRequestConfig,
    send: SendRequest,
    added: AuthorizationHeaders,
  ): Promise<AxiosResponse> {
    let any = false;
    for (const name in added) {
      config.headers.set(name, added[name]);
      any = true;
    }
    if (!any) return send(config, NONE);
    config.beforeRedirect = this.#redirectGuard.hookFor(added, config.beforeRedirect);
    return send(config, added).then(
      (response) => this.#answered(config, added, response),
      (error: unknown) => this.#failed(config, added, error),
    );
  }

  #answered(
    config: InternalAxiosRequestConfig,
    added: AuthorizationHeaders,
    response: AxiosResponse,
  ): AxiosResponse {
    // A 401 the instance's validateStatus accepts is still Qontak's word on the credentials.
    const status = response.status;
    const carried =
      (status === 401 || isSuccess(status)) && lastHopCarried(response, config, added, this.#auth);
    scrubCredentials(config, added, response);
    if (!carried) return response;
    if (status === 401) this.#unauthorized.set(config, added);
    else this.#auth.handleAccepted(added);
    return response;
  }

  #failed(config: InternalAxiosRequestConfig, added: AuthorizationHeaders, error: unknown): never {
    if (isAxiosError(error)) {
      const response = error.response;
      if (response?.status === 401 && lastHopCarried(response, config, added, this.#auth)) {
        this.#unauthorized.set(config, added);
      }
      scrubCredentials(config, added, response, error.request);
    }
    throw error;
  }

  /** The response interceptor: a 401 to the credentials a request carried is reported, and replayed once when it may help. */
  readonly onResponse = (response: AxiosResponse): AxiosResponse | Promise<AxiosResponse> => {
    const replay = this.#replayIfUnauthorized(response.config);
    return replay === undefined ? response : replay.then((replayed) => replayed ?? response);
  };

  /** The response interceptor's error side: as {@link onResponse}, for a 401 that rejected. */
  readonly onError = async (error: unknown): Promise<AxiosResponse> => {
    const config = isAxiosError(error) ? error.config : undefined;
    const replay = config === undefined ? undefined : this.#replayIfUnauthorized(config);
    const replayed = replay === undefined ? undefined : await replay;
    if (replayed === undefined) throw error;
    return replayed;
  };

  /**
   * What both sides of the response interceptor do: a request the adapter saw answered 401 to the
   * credentials it carried is handled once (reported, replayed when it may help): its replay, or
   * `undefined` when not replayed; `undefined` at once for any other request.
   */
  #replayIfUnauthorized(config: InternalAxiosRequestConfig): Promise<AxiosResponse | undefined> | undefined {
    const added = this.#unauthorized.get(config);
    if (added === undefined) return undefined;
    this.#unauthorized.delete(config);
    return this.#replayAfterUnauthorized(config, added);
  }

  /**
   * After a 401 to a request whose last hop carried `added`: tells `auth`, and replays the request once
   * through the instance (its interceptors run again) when `auth` says a replay may succeed and the
   * request allows it; `undefined` when not replayed.
   */
  async #replayAfterUnauthorized(
    config: InternalAxiosRequestConfig,
    added: AuthorizationHeaders,
  ): Promise<AxiosResponse | undefined> {
    const own = config.qontakAuth;
    const mayReplay = await this.#auth.handleUnauthorized(added);
    const wanted = (own === false ? undefined : own?.replayOnUnauthorized) ?? this.#replayByDefault;
    if (!mayReplay || !wanted || own instanceof ReplayedRequest || !isReplayableData(config.data))
      return undefined;
    return this.#instance.request({
      ...config,
      beforeRedirect: this.#redirectGuard.callerHook(config.beforeRedirect),
      qontakAuth: new ReplayedRequest(own === false ? undefined : own),
    });
  }
}
