import type { AuthorizationHeaders, RequestAuthorizer } from '@qontak/auth-core';
import type { AxiosRequestConfig } from 'axios';

/** axios's `beforeRedirect` hook (node http adapter, called by follow-redirects before each hop). */
export type BeforeRedirect = NonNullable<AxiosRequestConfig['beforeRedirect']>;

/** Deletes from `headers` every header named in `added`, whatever its case. */
function stripHeaders(headers: unknown, added: AuthorizationHeaders): void {
  if (typeof headers !== 'object' || headers === null) return;
  const record = headers as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (Object.prototype.hasOwnProperty.call(added, name.toLowerCase())) delete record[name];
  }
}

/** Whether `headers` (follow-redirects' plain header object) still holds every header named in `added`. */
function holdsHeaders(headers: unknown, added: AuthorizationHeaders): boolean {
  if (typeof headers !== 'object' || headers === null) return false;
  const present = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  return Object.keys(added).every((name) => present.has(name.toLowerCase()));
}

/** Sets every header of `added` on `headers` (follow-redirects' plain header object). */
function setHeaders(headers: unknown, added: AuthorizationHeaders): void {
  if (typeof headers !== 'object' || headers === null) return;
  Object.assign(headers as Record<string, unknown>, added);
}

/**
 * The `beforeRedirect` hooks of one attached instance. A chain keeps the credentials this interceptor
 * added only while every hop is authorized: a hook removes them before any hop whose URL the
 * authorizer does not authorize (another origin, the token endpoint), and once removed (by a hook or
 * by follow-redirects itself) they never come back; an allowed hop that still carries them is
 * re-signed when the authorizer signs per request (`authorizeRedirect`). Then the hook calls the
 * caller's own `beforeRedirect`, if the request had one.
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
      if (typeof href !== 'string' || !auth.isAuthorizedUrl(href) || !holdsHeaders(headers, added)) {
        stripHeaders(headers, added);
      } else if (auth.authorizeRedirect) {
        // A per-request signature (Mekari HMAC) covers the request line: sign this hop afresh.
        stripHeaders(headers, added);
        const method = typeof options['method'] === 'string' ? options['method'] : 'GET';
        setHeaders(headers, auth.authorizeRedirect({ method, url: href }));
      }
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
