import { AuthorizerBase } from '../contract/authorizer-base';
import { bearerTokenOf } from '../contract/bearer';
import { BoundedStore } from '../stores/bounded-store';
import { OAUTH_PATH, QONTAK_API_PATH } from '../config/constants';
import type { QontakAuthOptions } from './password-auth-options';
import type { QontakToken } from '../stores/token';
import { optionsFromEnv, type QontakAuthEnv } from '../config/read-env';
import { REDACTED } from '../logging/redaction';
import {
  NO_HEADERS,
  type AuthorizationHeaders,
  type AuthorizeRequestInput,
} from '../contract/request-authorizer';
import { MAX_TIMER_MS } from '../config/durations';
import { resolveQontakAuthOptions, type ResolvedQontakAuthOptions } from './resolve-password-auth-options';
import { TokenEndpointClient } from './token-endpoint-client';
import { TokenManager } from './token-manager';

/** Options of {@link QontakAuth.getToken} and {@link QontakAuth.getAccessToken}. */
export interface GetTokenOptions {
  /** Stops this caller's wait (rejecting with the signal's reason); a grant shared with others goes on. */
  signal?: AbortSignal | undefined;
}

/** The environment variables {@link QontakAuth.fromEnv} reads, and the option each fills. */
const ENV = {
  username: { variable: 'QONTAK_USERNAME', required: true },
  password: { variable: 'QONTAK_PASSWORD', required: true },
  baseUrl: { variable: 'QONTAK_BASE_URL' },
  clientId: { variable: 'QONTAK_CLIENT_ID' },
  clientSecret: { variable: 'QONTAK_CLIENT_SECRET' },
} as const;

/**
 * Qontak Chat API authentication with an account (the OAuth 2.0 password grant): obtains tokens,
 * refreshes them before they expire, and shares one token (and one grant in flight) between every
 * caller. A {@link RequestAuthorizer}: `Authorization: Bearer <token>` for the Open API only
 * (`<baseUrl>/api/open/...`).
 *
 * - Inside the refresh window callers get the cached token at once while ONE background refresh runs
 *   (refresh-token grant first, password grant if the server answers `invalid_grant`).
 * - When the token has expired, callers wait for one shared grant.
 * - After the server rejects the credentials, calls fail fast with the same error for the cooldown.
 * - With a token store that has a lock, the whole fleet makes one grant per token lifetime.
 *
 * @throws {QontakAuthError} `config_error` from the constructor when options are missing or invalid.
 */
export class QontakAuth extends AuthorizerBase {
  /** The key this account's token has in the store: `qontak:<origin>:<client id>:<username>`. */
  readonly storeKey: string;

  readonly #options: ResolvedQontakAuthOptions;
  readonly #closer = new AbortController();
  readonly #endpoint: TokenEndpointClient;
  readonly #tokens: TokenManager;

  constructor(options: QontakAuthOptions) {
    const o = resolveQontakAuthOptions(options);
    super(o, QONTAK_API_PATH, [OAUTH_PATH, o.basePath + OAUTH_PATH]);
    this.#options = o;
    this.storeKey = `qontak:${o.origin}:${o.clientId}:${o.username.toLowerCase()}`;
    this.#endpoint = new TokenEndpointClient(o, this.#closer.signal);
    const store = new BoundedStore(
      o.store,
      this.storeKey,
      {
        callMs: o.storeTimeoutMs,
        lockMs: Math.min(MAX_TIMER_MS, o.timeoutMs + o.storeTimeoutMs),
        lockTtlMs: o.lockTtlMs,
      },
      o.logger,
    );
    this.#tokens = new TokenManager(this.#endpoint, store, o, this.#closer.signal);
  }

  /**
   * A `QontakAuth` configured from environment variables: `QONTAK_USERNAME`, `QONTAK_PASSWORD`
   * (required), `QONTAK_BASE_URL`, `QONTAK_CLIENT_ID`, `QONTAK_CLIENT_SECRET` (optional, with the
   * defaults of {@link QontakAuthOptions}). `overrides` win over the environment.
   * @throws {QontakAuthError} `config_error` naming every missing variable.
   */
  static fromEnv(
    env: QontakAuthEnv = globalThis.process?.env ?? {},
    overrides: Partial<QontakAuthOptions> = {},
  ): QontakAuth {
    return new QontakAuth(optionsFromEnv('QontakAuth.fromEnv', env, ENV, overrides) as QontakAuthOptions);
  }

  /**
   * A valid access token: the cached one when fresh, otherwise one shared grant.
   * @throws {QontakAuthError} when no token can be had (see `QontakAuthErrorCode`).
   */
  async getAccessToken(options?: GetTokenOptions): Promise<string> {
    return (this.#tokens.cached() ?? (await this.#wait(options?.signal))).accessToken;
  }

  /**
   * Like {@link getAccessToken}, with the expiry and refresh token.
   * @throws {QontakAuthError} when no token can be had.
   */
  async getToken(options?: GetTokenOptions): Promise<QontakToken> {
    return (this.#tokens.cached() ?? (await this.#wait(options?.signal))).token;
  }

  /**
   * After a 401 from Qontak to a request sent with `accessToken`: drops that token from the cache and
   * the store, but only while it is still the current token, so a burst of such calls causes one new
   * grant. A token Qontak had accepted (see {@link handleAccepted}) was revoked and is dropped every
   * time; one never accepted is dropped within the bound `unauthorizedRegrantIntervalMs` describes (a
   * broken endpoint must not become a login storm). Never throws.
   * @returns whether a request sent again now would carry another token than `accessToken`.
   */
  invalidate(accessToken: string): Promise<boolean> {
    return this.#tokens.invalidate(accessToken);
  }

  /**
   * Revokes the current token at `POST /oauth/revoke` and forgets it (cache and store).
   * Does nothing when there is no token.
   * @throws {QontakAuthError} when the server refuses (`invalid_client`) or cannot be reached.
   */
  async revoke(): Promise<void> {
    this.#tokens.assertOpen();
    const token = await this.#tokens.take();
    if (token === undefined) return;
    await this.#endpoint.revoke(token.accessToken);
    this.#options.logger.info('Qontak token revoked', { expiresAt: token.expiresAt });
  }

  /**
   * `{ authorization: 'Bearer <token>' }` for a request under the API base path (`apiBaseUrl`), `{}` for
   * any other URL (another path or origin, and the OAuth endpoints). The returned object is shared and frozen: copy it before changing it.
   * @throws {QontakAuthError} when a token is needed and none can be had.
   */
  async authorizeRequest(request: AuthorizeRequestInput): Promise<AuthorizationHeaders> {
    return this.authorizeRequestNow(request) ?? (await this.#wait(request.signal)).headers;
  }

  /** {@link authorizeRequest}'s headers while a token is cached and fresh (or inside the refresh window), else `undefined`. */
  override authorizeRequestNow(request: AuthorizeRequestInput): AuthorizationHeaders | undefined {
    return this.isAuthorizedUrl(request.url) ? this.#tokens.cached()?.headers : NO_HEADERS;
  }

  /**
   * After a 401 from Qontak to a request that carried `sentHeaders`: {@link invalidate}s the bearer
   * token they carried. True when a replay would carry another token (the 401 dropped this one, or it
   * had already been replaced); false when the 401 is to reach the caller.
   */
  async handleUnauthorized(sentHeaders: AuthorizationHeaders): Promise<boolean> {
    const token = bearerTokenOf(sentHeaders);
    return token === undefined ? false : this.invalidate(token);
  }

  /**
   * After a success (2xx) from Qontak to a request that carried `sentHeaders`: when they carried the
   * current token, marks it accepted, so that a later 401 to it counts as a revocation (replaced at
   * once) rather than a broken endpoint (bounded). Allocation-free; never throws.
   */
  override handleAccepted(sentHeaders: AuthorizationHeaders): void {
    this.#tokens.accepted(sentHeaders);
  }

  /**
   * Resolves once a token is cached (after one shared grant, when needed).
   * @throws {QontakAuthError} when no token can be had.
   */
  override async ready(options?: { signal?: AbortSignal | undefined }): Promise<void> {
    if (this.#tokens.cached() === undefined) await this.#wait(options?.signal);
  }

  /**
   * Stops every timer and aborts requests in flight; later calls throw `config_error`. The cached
   * token is forgotten (not revoked: it stays in a shared store for other instances). Never throws.
   */
  override async close(): Promise<void> {
    this.#closer.abort();
    await this.#tokens.close();
  }

  /** Safe fields for logs; secrets `[redacted]`. */
  toJSON(): Record<string, unknown> {
    const token = this.#tokens.current;
    return {
      scheme: 'password',
      baseUrl: this.baseUrl,
      username: this.#options.username,
      password: REDACTED,
      clientId: this.#options.clientId,
      clientSecret: REDACTED,
      token: token === undefined ? undefined : token.toJSON(),
    };
  }

  #wait(signal: AbortSignal | undefined) {
    return this.#tokens.wait(signal);
  }
}
