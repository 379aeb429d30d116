import type { AuthorizationHeaders, RequestAuthorizer } from '@qontak/auth-core';
import type { AxiosRequestConfig } from 'axios';

/** axios's `beforeRedirect` hook (node http adapter, called by follow-redirects before each hop). */
type BeforeRedirect = NonNullable<AxiosRequestConfig['beforeRedirect']>;

const NONE: AuthorizationHeaders = Object.freeze({});

/** Every hook a guard made -> the headers of the requests it was made for (see {@link headersOfHook}). */
const hookHeaders = new WeakMap<BeforeRedirect, AuthorizationHeaders>();

/**
 * The headers this interceptor added to a request whose `beforeRedirect` is `hook`; `undefined` when
 * `hook` is not one of its hooks (the request was not authorized by it).
 */
export function headersOfHook(hook: unknown): AuthorizationHeaders | undefined {
  return typeof hook === 'function' ? hookHeaders.get(hook as BeforeRedirect) : undefined;
}

/** What a credential reads as in follow-redirects' options once its hop has been sent (see {@link hideSentCredentials}). */
const SENT = '[redacted]';

/**
 * The credentials the guard gave the latest redirect hop of each chain (by the chain's follow-redirects
 * options object); a chain that has not been redirected carries what the interceptor added.
 */
const hopCredentials = new WeakMap<object, AuthorizationHeaders>();

/**
 * Once a hop of a request this interceptor authorized has been sent: replaces the values of the headers
 * named in `added` in `options.headers` (follow-redirects' options, kept by its request for the next
 * hop, and reachable from the hop's socket) by `[redacted]`, when they are the ones the interceptor or
 * the guard gave the hop. A header removed later (follow-redirects drops it on a redirect to another
 * host) is gone as before; one still there at the next redirect is given back its value by the guard.
 * Allocates nothing.
 */
export function hideSentCredentials(options: { headers?: unknown }, added: AuthorizationHeaders): void {
  const headers = options.headers;
  if (typeof headers !== 'object' || headers === null) return;
  const record = headers as Record<string, unknown>;
  const given = hopCredentials.get(options) ?? added;
  for (const name in added) {
    const value = given[name];
    if (value === undefined || record[name] !== value) return;
  }
  for (const name in added) record[name] = SENT;
}

/** Whether every header named in `added` reads `[redacted]` in `carried`: the hop was sent and hidden. */
function isHidden(carried: AuthorizationHeaders, added: AuthorizationHeaders): boolean {
  for (const name in added) if (carried[name] !== SENT) return false;
  return true;
}

/**
 * The headers named in `added` that `headers` (follow-redirects' plain header object) still holds,
 * with their current values; none unless it holds every one of them.
 */
function carriedHeaders(headers: unknown, added: AuthorizationHeaders): AuthorizationHeaders {
  if (typeof headers !== 'object' || headers === null) return NONE;
  const present = new Map<string, unknown>();
  for (const [name, value] of Object.entries(headers)) present.set(name.toLowerCase(), value);
  const carried: Record<string, string> = {};
  for (const name of Object.keys(added)) {
    const value = present.get(name.toLowerCase());
    if (typeof value !== 'string') return NONE;
    carried[name] = value;
  }
  return carried;
}

/** Deletes from `headers` every header named in `added`, whatever its case. */
function stripHeaders(headers: unknown, added: AuthorizationHeaders): void {
  if (typeof headers !== 'object' || headers === null) return;
  const record = headers as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (Object.prototype.hasOwnProperty.call(added, name.toLowerCase())) delete record[name];
  }
}

/**
 * The `beforeRedirect` hooks of one attached instance. Before each hop the hook asks the authorizer
 * for the hop's headers (`authorizeRedirect`), given what the previous hop still carried: a chain
 * keeps credentials only while every hop is authorized, so a hop to another origin (or the token
 * endpoint) gets none, and once they are gone (removed by a hook or by follow-redirects itself) they
 * never come back; a scheme that signs each request signs each allowed hop afresh. Then the hook calls
 * the caller's own `beforeRedirect`, if the request had one.
 *
 * Hooks are shared: one per headers object of the core (the core hands out one frozen object per
 * token), so a request with no hook of its own costs no allocation.
 */
export class RedirectGuard {
  readonly #auth: RequestAuthorizer;
  /** Each hook made here -> the caller's hook it calls afterwards. */
  readonly #callerHooks = new WeakMap<BeforeRedirect, BeforeRedirect | undefined>();
  #lastHeaders: AuthorizationHeaders | undefined;
  #lastHook: BeforeRedirect | undefined;

  constructor(auth: RequestAuthorizer) {
    this.#auth = auth;
  }

  /** The hook for a request that carries `added`, in place of its current `beforeRedirect`. */
  hookFor(added: AuthorizationHeaders, current: BeforeRedirect | undefined): BeforeRedirect {
    const callerHook = this.callerHook(current);
    if (callerHook === undefined && added === this.#lastHeaders && this.#lastHook !== undefined) {
      return this.#lastHook;
    }
    const auth = this.#auth;
    const hook: BeforeRedirect = (options, responseDetails, requestDetails) => {
      const href: unknown = options['href'];
      const headers = options['headers'];
      const method = typeof options['method'] === 'string' ? options['method'] : 'GET';
      const present = carriedHeaders(headers, added);
      const carried = isHidden(present, added) ? (hopCredentials.get(options) ?? added) : present;
      const next = typeof href === 'string' ? auth.authorizeRedirect({ method, url: href }, carried) : NONE;
      hopCredentials.set(options, next);
      stripHeaders(headers, added);
      if (typeof headers === 'object' && headers !== null) Object.assign(headers, next);
      callerHook?.(options, responseDetails, requestDetails);
    };
    this.#callerHooks.set(hook, callerHook);
    hookHeaders.set(hook, added);
    if (callerHook === undefined) {
      this.#lastHeaders = added;
      this.#lastHook = hook;
    }
    return hook;
  }

  /** `current` without a hook of this guard: the caller's own `beforeRedirect`, if any. */
  callerHook(current: BeforeRedirect | undefined): BeforeRedirect | undefined {
    return current !== undefined && this.#callerHooks.has(current) ? this.#callerHooks.get(current) : current;
  }
}
