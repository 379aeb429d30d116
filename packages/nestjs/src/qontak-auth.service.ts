import { Inject, Injectable } from '@nestjs/common';
import {
  QontakAuth,
  QontakAuthError,
  QontakAuthErrorCode,
  type AuthorizationHeaders,
  type AuthorizeRequestInput,
  type GetTokenOptions,
  type QontakToken,
} from '@qontak/auth-core';
import type { QontakModuleAuth } from './create-module-auth';
import { QONTAK_AUTH } from './qontak-auth.constants';

/**
 * The Nest face of the module's {@link QontakAuth}: inject it anywhere `QontakAuthModule` is visible.
 * Every method delegates to the one `QontakAuth` the module owns, so all callers share its cache,
 * its single grant in flight and its background refresh.
 */
@Injectable()
export class QontakAuthService {
  readonly #auth: QontakModuleAuth;

  constructor(@Inject(QONTAK_AUTH) auth: QontakModuleAuth) {
    this.#auth = auth;
  }

  /** The underlying `QontakAuth` (for `revoke()`, `storeKey`, ...), or `MekariHmacAuth` under `scheme: 'mekari-hmac'`. */
  get auth(): QontakModuleAuth {
    return this.#auth;
  }

  /**
   * The headers one outgoing request needs under the module's scheme (the bearer token, or the
   * Mekari gateway's HMAC signature); `{}` for another origin.
   * @throws {QontakAuthError} when credentials are needed and none can be had.
   */
  authorizeRequest(request: AuthorizeRequestInput): Promise<AuthorizationHeaders> {
    return this.#auth.authorizeRequest(request);
  }

  #tokens(): QontakAuth {
    if (this.#auth instanceof QontakAuth) return this.#auth;
    throw new QontakAuthError(
      QontakAuthErrorCode.ConfigError,
      "QontakAuthService: the 'mekari-hmac' scheme signs each request and has no access token: use fetch(), authorizeRequest() or the injected HTTP client.",
    );
  }

  /**
   * A valid access token: the cached one when fresh, otherwise one grant shared by all callers.
   * @throws {QontakAuthError} when no token can be had (`invalid_grant`, `network_error`, ...;
   *   `config_error` once the application has shut down, or under the `'mekari-hmac'` scheme).
   */
  async getAccessToken(options?: GetTokenOptions): Promise<string> {
    return this.#tokens().getAccessToken(options);
  }

  /**
   * Like {@link getAccessToken}, with the expiry (`expiresAt`) and the refresh token.
   * @throws {QontakAuthError} when no token can be had.
   */
  async getToken(options?: GetTokenOptions): Promise<QontakToken> {
    return this.#tokens().getToken(options);
  }

  /**
   * After Qontak answered 401 to a request sent with `accessToken`: drops that token (only while it
   * is still the current one), so the next call gets a new one. Does nothing under the
   * `'mekari-hmac'` scheme. Never throws.
   */
  async invalidate(accessToken: string): Promise<void> {
    if (this.#auth instanceof QontakAuth) await this.#auth.invalidate(accessToken);
  }

  /**
   * `fetch` with Qontak auth: paths resolve against the base URL, only Qontak's origin gets the
   * token (or the HMAC signature), and a 401 is answered with one re-grant and one replay.
   * @throws {QontakAuthError} when no token can be had; otherwise what `fetch` throws.
   */
  fetch(input: string | URL, init?: RequestInit): Promise<Response> {
    return this.#auth.fetch(input, init);
  }
}
