import { Inject, Injectable } from '@nestjs/common';
import type { GetTokenOptions, QontakAuth, QontakToken } from '@qontak/auth-core';
import { QONTAK_AUTH } from './qontak-auth.constants';

/**
 * The Nest face of the module's {@link QontakAuth}: inject it anywhere `QontakAuthModule` is visible.
 * Every method delegates to the one `QontakAuth` the module owns, so all callers share its cache,
 * its single grant in flight and its background refresh.
 */
@Injectable()
export class QontakAuthService {
  readonly #auth: QontakAuth;

  constructor(@Inject(QONTAK_AUTH) auth: QontakAuth) {
    this.#auth = auth;
  }

  /** The underlying `QontakAuth` (for `revoke()`, `authorizeRequest()`, `storeKey`, ...). */
  get auth(): QontakAuth {
    return this.#auth;
  }

  /**
   * A valid access token: the cached one when fresh, otherwise one grant shared by all callers.
   * @throws {QontakAuthError} when no token can be had (`invalid_grant`, `network_error`, ...;
   *   `config_error` once the application has shut down).
   */
  getAccessToken(options?: GetTokenOptions): Promise<string> {
    return this.#auth.getAccessToken(options);
  }

  /**
   * Like {@link getAccessToken}, with the expiry (`expiresAt`) and the refresh token.
   * @throws {QontakAuthError} when no token can be had.
   */
  getToken(options?: GetTokenOptions): Promise<QontakToken> {
    return this.#auth.getToken(options);
  }

  /**
   * After Qontak answered 401 to a request sent with `accessToken`: drops that token (only while it
   * is still the current one), so the next call gets a new one. Never throws.
   */
  invalidate(accessToken: string): Promise<void> {
    return this.#auth.invalidate(accessToken);
  }

  /**
   * `fetch` with Qontak auth: paths resolve against the base URL, only Qontak's origin gets the
   * token, and a 401 is answered with one re-grant and one replay.
   * @throws {QontakAuthError} when no token can be had; otherwise what `fetch` throws.
   */
  fetch(input: string | URL, init?: RequestInit): Promise<Response> {
    return this.#auth.fetch(input, init);
  }
}
