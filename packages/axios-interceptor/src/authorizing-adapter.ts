import type { AuthorizationHeaders, RequestAuthorizer } from '@qontak/auth-core';
import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import type { AuthorizedRequests, SendRequest } from './authorized-requests';
import { isFetchAdapter, sendHopByHop } from './hop-by-hop-fetch';

/** What `config.adapter` may hold: a name, an adapter function, or a priority list of them. */
type AdapterSetting = InternalAxiosRequestConfig['adapter'];

/** axios's node http adapter, the one whose redirect hops the `beforeRedirect` guard sees (none in a browser build). */
const httpAdapter: AxiosAdapter | undefined = (() => {
  try {
    return axios.getAdapter('http');
  } catch {
    return undefined;
  }
})();

/** Whether `headers` is empty (a request sent without credentials). */
function isEmpty(headers: AuthorizationHeaders): boolean {
  for (const _name in headers) return false;
  return true;
}

/** Whether two adapter settings that are lists of names hold the same names in the same order. */
function sameNames(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** Whether axios's XHR adapter can be used here (not in Node, unless a global `XMLHttpRequest` was added). */
const xhrAvailable: boolean = (() => {
  try {
    axios.getAdapter('xhr');
    return true;
  } catch {
    return false;
  }
})();

/**
 * Whether `setting` always names axios's http adapter, whatever the request: `'http'`, or a list in
 * which `'http'` comes after nothing but an unavailable `'xhr'`, as axios's default does in Node.
 */
function namesHttpAdapter(setting: AdapterSetting): boolean {
  if (setting === 'http') return true;
  if (!Array.isArray(setting)) return false;
  for (const item of setting) {
    if (item === 'http') return true;
    if (item !== 'xhr' || xhrAvailable) return false;
  }
  return false;
}

/**
 * Makes the adapters of one attached instance: each sends the request's final config (after every
 * request interceptor, whatever order they were added in) through {@link AuthorizedRequests}, with the
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
  readonly #requests: AuthorizedRequests;
  /** Each adapter made here -> the setting it wraps. */
  readonly #wrapped = new WeakMap<AxiosAdapter, AdapterSetting>();
  /** Adapters made for settings that are names (or lists of names), by the names. */
  readonly #byName = new Map<string, AxiosAdapter>();
  /** Adapters made for settings that are adapter functions. */
  readonly #byFunction = new WeakMap<AxiosAdapter, AxiosAdapter>();
  /** The last list of names asked for (axios copies the list into every request's config) and its adapter. */
  #lastNames: readonly unknown[] = [];
  #lastNamed: AxiosAdapter | undefined;

  constructor(auth: RequestAuthorizer, requests: AuthorizedRequests) {
    this.#auth = auth;
    this.#requests = requests;
  }

  /** The adapter to put in `config.adapter` in place of `setting` (an adapter of this instance is unwrapped first). */
  for(setting: AdapterSetting): AxiosAdapter {
    if (Array.isArray(setting) && this.#lastNamed !== undefined && sameNames(setting, this.#lastNames)) {
      return this.#lastNamed;
    }
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
    if (adapter === undefined) {
      adapter = this.#make(original);
      if (name !== undefined) this.#byName.set(name, adapter);
      else if (typeof original === 'function') this.#byFunction.set(original, adapter);
    }
    if (Array.isArray(original) && name !== undefined) {
      this.#lastNames = [...original];
      this.#lastNamed = adapter;
    }
    return adapter;
  }

  #make(original: AdapterSetting): AxiosAdapter {
    const auth = this.#auth;
    const requests = this.#requests;
    /** The adapter `original` names when that does not depend on the request: axios's http adapter. */
    const fixed = httpAdapter !== undefined && namesHttpAdapter(original) ? httpAdapter : undefined;
    const send: SendRequest = (config, added) => {
      const adapter = fixed ?? axios.getAdapter(original ?? axios.defaults.adapter, config);
      if (isEmpty(added) || adapter === httpAdapter) return adapter(config);
      if (isFetchAdapter(adapter, config)) return sendHopByHop(config, auth, added);
      config.fetchOptions = { ...config.fetchOptions, redirect: 'manual' };
      return adapter(config);
    };
    const adapter: AxiosAdapter = (config) => {
      try {
        return requests.send(config, send);
      } catch (error) {
        return Promise.reject(error);
      }
    };
    this.#wrapped.set(adapter, original);
    return adapter;
  }
}
