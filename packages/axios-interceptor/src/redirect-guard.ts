import type { AuthorizationHeaders, RequestAuthorizer } from '@qontak/auth-core';
import type { AxiosRequestConfig } from 'axios';

/** axios's `beforeRedirect` hook (node http adapter, called by follow-redirects before each hop). */
export type BeforeRedirect = NonNullable<AxiosRequestConfig['beforeRedirect']>;

const NONE: AuthorizationHeaders = Object.freeze({});

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
      const next =
        typeof href === 'string'
          ? auth.authorizeRedirect({ method, url: href }, carriedHeaders(headers, added))
          : NONE;
      stripHeaders(headers, added);
      if (typeof headers === 'object' && headers !== null) Object.assign(headers, next);
      callerHook?.(options, responseDetails, requestDetails);
    };
    this.#callerHooks.set(hook, callerHook);
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
