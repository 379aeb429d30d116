import type { AuthorizationHeaders, RequestAuthorizer } from '@qontak/auth-core';
import { fetchHopByHop } from '@qontak/auth-core/adapter';
import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import { isReplayableData } from './replayable-data';

/** A `fetch` as axios's fetch adapter calls it (`config.env.fetch`). */
type Fetch = (input: URL | Request | string, init?: RequestInit) => Promise<Response>;

/**
 * The key of a request's {@link Hops} in `config.fetchOptions`: axios hands the options it does not
 * know to the `fetch` it calls, so they reach {@link hopByHopFetch} with the request.
 */
const HOPS = Symbol('qontak.hops');

const NONE: AuthorizationHeaders = Object.freeze({});

/**
 * One request sent hop by hop: who authorizes its hops, what it carries, and what its last hop
 * carried. A class with private fields: axios copies plain objects of a config (this one is kept by
 * reference, so the answer is seen where it was asked), and whoever logs the config sees no header.
 */
class Hops {
  readonly #auth: RequestAuthorizer;
  readonly #added: AuthorizationHeaders;
  /** Whether the body may be read into memory, to be sent again on a 307 or 308 hop. */
  readonly #replayable: boolean;
  #lastHop: AuthorizationHeaders | undefined;

  constructor(auth: RequestAuthorizer, added: AuthorizationHeaders, replayable: boolean) {
    this.#auth = auth;
    this.#added = added;
    this.#replayable = replayable;
  }

  /** The credentials the last hop carried: empty until the answer is in (or when it went out without them). */
  get lastHop(): AuthorizationHeaders {
    return this.#lastHop ?? NONE;
  }

  /**
   * Sends `request` with `transport` through the core's {@link fetchHopByHop}, when it carries every
   * header of `added` with its value (the interceptor added them to it); otherwise unchanged: this
   * never adds a credential a request did not already carry.
   */
  async send(transport: Fetch, request: Request, options: RequestInit): Promise<Response> {
    const added = this.#added;
    for (const name in added)
      if (request.headers.get(name) !== added[name]) return transport(request, options);
    const headers = new Headers(request.headers);
    for (const name in added) headers.delete(name);
    const body =
      request.body === null ? undefined : this.#replayable ? await request.arrayBuffer() : request.body;
    // `duplex` (not in the DOM's RequestInit) lets a stream body through.
    const init: RequestInit & { duplex: 'half' } = {
      ...options,
      method: request.method,
      headers,
      body,
      signal: request.signal,
      redirect: options.redirect ?? request.redirect,
      duplex: 'half',
    };
    const sent = await fetchHopByHop(this.#auth, transport, new URL(request.url), init, added);
    this.#lastHop = sent.authorization;
    return sent.response;
  }
}

/** Each fetch made here -> the transport it sends with (`undefined`: the global `fetch`). */
const transports = new WeakMap<Fetch, Fetch | undefined>();
/** The fetch made here for each transport of a caller's `env.fetch`. */
const byTransport = new WeakMap<Fetch, Fetch>();

/**
 * A `fetch` for axios's fetch adapter: a request with {@link Hops} is sent hop by hop (see
 * {@link Hops.send}), any other one goes to `transport` (the global `fetch` when `undefined`) as is.
 */
function hopByHopFetch(transport: Fetch | undefined): Fetch {
  const fetch: Fetch = async (input, init) => {
    const send = transport ?? globalThis.fetch;
    const { [HOPS]: hops, ...options } = (init ?? {}) as RequestInit & { [HOPS]?: unknown };
    if (!(hops instanceof Hops)) return send(input, options);
    return hops.send(send, input instanceof Request ? input : new Request(input, options), options);
  };
  transports.set(fetch, transport);
  return fetch;
}

/** The fetch for requests without a transport of their own. */
const globalHopByHopFetch = hopByHopFetch(undefined);

/** The hop-by-hop fetch for `envFetch` (a caller's `config.env.fetch`, or one made here). */
function fetchFor(envFetch: Fetch | undefined): Fetch {
  if (envFetch === undefined) return globalHopByHopFetch;
  if (transports.has(envFetch)) return envFetch;
  let fetch = byTransport.get(envFetch);
  if (fetch === undefined) {
    fetch = hopByHopFetch(envFetch);
    byTransport.set(envFetch, fetch);
  }
  return fetch;
}

/** Whether `adapter` is axios's fetch adapter for `config` (the one `adapter: 'fetch'` resolves to). */
export function isFetchAdapter(adapter: AxiosAdapter, config: InternalAxiosRequestConfig): boolean {
  try {
    return adapter === axios.getAdapter('fetch', config);
  } catch {
    return false;
  }
}

/**
 * Sends `config`, which carries `added` from `auth`, through axios's fetch adapter with its redirects
 * followed hop by hop by the core, as `auth.fetch` follows them (see {@link hopByHopFetch}); the
 * caller's own `env.fetch`, if any, sends each hop.
 */
export function sendHopByHop(
  config: InternalAxiosRequestConfig,
  auth: RequestAuthorizer,
  added: AuthorizationHeaders,
): ReturnType<AxiosAdapter> {
  const hops = new Hops(auth, added, isReplayableData(config.data));
  config.env = { ...config.env, fetch: fetchFor(config.env?.fetch) };
  const fetchOptions: Record<string | symbol, unknown> = { ...config.fetchOptions, [HOPS]: hops };
  config.fetchOptions = fetchOptions as InternalAxiosRequestConfig['fetchOptions'];
  return axios.getAdapter('fetch', config)(config);
}

/**
 * The credentials the last hop of `config`'s request carried when it was sent by {@link sendHopByHop}
 * (empty when the chain left the authorized URLs, or the request went out without them);
 * `undefined` when it was not sent that way.
 */
export function lastHopOf(config: InternalAxiosRequestConfig): AuthorizationHeaders | undefined {
  const hops = (config.fetchOptions as { [HOPS]?: unknown } | undefined)?.[HOPS];
  return hops instanceof Hops ? hops.lastHop : undefined;
}
