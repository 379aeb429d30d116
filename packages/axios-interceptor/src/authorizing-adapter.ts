import type { AuthorizationHeaders, RequestAuthorizer } from '@qontak/auth-core';
import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import { isFetchAdapter, sendHopByHop } from './hop-by-hop-fetch';

/** What `config.adapter` may hold: a name, an adapter function, or a priority list of them. */
type AdapterSetting = InternalAxiosRequestConfig['adapter'];

/** Adds credentials to `config`: what the `prepare` step of {@link AuthorizingAdapters} does; the headers added, if any. */
export type PrepareRequest = (
  config: InternalAxiosRequestConfig,
) => Promise<AuthorizationHeaders | undefined>;

/** axios's node http adapter, the one whose redirect hops the `beforeRedirect` guard sees (none in a browser build). */
const httpAdapter: AxiosAdapter | undefined = (() => {
  try {
    return axios.getAdapter('http');
  } catch {
    return undefined;
  }
})();

/**
 * Makes the adapters of one attached instance: each runs `prepare` on the request's final config
 * (after every request interceptor, whatever order they were added in) and then sends it with the
 * adapter the original setting names. One adapter per setting is made and reused.
 *
 * How a request that carries credentials follows redirects, per adapter: node's http adapter, through
 * the `beforeRedirect` guard; axios's fetch adapter, hop by hop through the core's `fetchHopByHop`
 * (as `auth.fetch` does); any other adapter (a browser's XHR, an adapter of the caller's) gets
 * `fetchOptions.redirect: 'manual'`, since no hook there can take the credentials off a hop or tell
 * which hop a 401 came from: the caller gets the 3xx.
 */
export class AuthorizingAdapters {
  readonly #auth: RequestAuthorizer;
  readonly #prepare: PrepareRequest;
  /** Each adapter made here -> the setting it wraps. */
  readonly #wrapped = new WeakMap<AxiosAdapter, AdapterSetting>();
  /** Adapters made for settings that are names (or lists of names), by the names. */
  readonly #byName = new Map<string, AxiosAdapter>();
  /** Adapters made for settings that are adapter functions. */
  readonly #byFunction = new WeakMap<AxiosAdapter, AxiosAdapter>();

  constructor(auth: RequestAuthorizer, prepare: PrepareRequest) {
    this.#auth = auth;
    this.#prepare = prepare;
  }

  /** The adapter to put in `config.adapter` in place of `setting` (an adapter of this instance is unwrapped first). */
  for(setting: AdapterSetting): AxiosAdapter {
    const original =
      typeof setting === 'function' && this.#wrapped.has(setting) ? this.#wrapped.get(setting) : setting;
    const name =
      typeof original === 'string'
        ? original
        : Array.isArray(original) && original.every((item) => typeof item === 'string')
          ? original.join(',')
          : undefined;
    let adapter = name === undefined ? undefined : this.#byName.get(name);
    if (adapter === undefined && typeof original === 'function') adapter = this.#byFunction.get(original);
    if (adapter !== undefined) return adapter;
    adapter = this.#make(original);
    if (name !== undefined) this.#byName.set(name, adapter);
    else if (typeof original === 'function') this.#byFunction.set(original, adapter);
    return adapter;
  }

  #make(original: AdapterSetting): AxiosAdapter {
    const auth = this.#auth;
    const prepare = this.#prepare;
    const adapter: AxiosAdapter = async (config) => {
      const added = await prepare(config);
      const send = axios.getAdapter(original ?? axios.defaults.adapter, config);
      if (added === undefined || send === httpAdapter) return send(config);
      if (isFetchAdapter(send, config)) return sendHopByHop(config, auth, added);
      config.fetchOptions = { ...config.fetchOptions, redirect: 'manual' };
      return send(config);
    };
    this.#wrapped.set(adapter, original);
    return adapter;
  }
}
