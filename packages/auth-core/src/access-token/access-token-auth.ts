import { AuthorizerBase } from '../contract/authorizer-base';
import { bearerHeaders, bearerTokenOf, HEADER_SAFE_TOKEN } from '../contract/bearer';
import { OAUTH_PATH, QONTAK_API_PATH, QONTAK_BASE_URL } from '../config/constants';
import type { QontakAccessTokenAuthOptions } from './access-token-auth-options';
import { FinalUnauthorized } from '../contract/final-unauthorized';
import { optionsFromEnv, type QontakAuthEnv } from '../config/read-env';
import { REDACTED } from '../logging/redaction';
import {
  NO_HEADERS,
  type AuthorizationHeaders,
  type AuthorizeRequestInput,
} from '../contract/request-authorizer';
import { requireStrings, resolveAuthorizerOptions } from '../contract/resolve-authorizer-options';
import { configError } from '../errors/config-error';

const SCHEME = 'QontakAccessTokenAuth';

/** The environment variables {@link QontakAccessTokenAuth.fromEnv} reads, and the option each fills. */
const ENV = {
  accessToken: { variable: 'QONTAK_ACCESS_TOKEN', required: true },
  baseUrl: { variable: 'QONTAK_BASE_URL' },
} as const;

/**
 * Qontak Chat API authentication with an access token copied from the Qontak dashboard (the "user
 * access token", or a bot token for the bot endpoints), sent as `Authorization: Bearer <token>` to
 * the Open API only (`<baseUrl>/api/open/...`), under the same origin rules as `QontakAuth` (never another
 * path or origin, never the OAuth endpoints, never a redirect hop the chain did not start on). There is nothing to grant or
 * refresh: a 401 means the token was revoked or replaced, so it is not replayed; the caller gets the
 * 401 and the logger one warning (never the token) saying to issue a new one in the dashboard.
 *
 * @throws {QontakAuthError} `config_error` from the constructor when the token is missing or cannot be
 *   sent in a header, or another option is invalid.
 */
export class QontakAccessTokenAuth extends AuthorizerBase {
  readonly #accessToken: string;
  readonly #headers: AuthorizationHeaders;
  readonly #unauthorized: FinalUnauthorized;

  constructor(options: QontakAccessTokenAuthOptions) {
    requireStrings(SCHEME, options, ['accessToken']);
    const token = options.accessToken.trim();
    if (/^bearer\s/i.test(token)) {
      throw configError(SCHEME, "accessToken must be the token alone, without the 'Bearer ' prefix.");
    }
    if (!HEADER_SAFE_TOKEN.test(token)) {
      throw configError(SCHEME, 'accessToken has characters that cannot be sent in an Authorization header.');
    }
    const common = resolveAuthorizerOptions(SCHEME, options, {
      defaultBaseUrl: QONTAK_BASE_URL,
      path: QONTAK_API_PATH,
    });
    super(common, QONTAK_API_PATH, [OAUTH_PATH, common.basePath + OAUTH_PATH]);
    this.#accessToken = token;
    this.#headers = bearerHeaders(token);
    this.#unauthorized = new FinalUnauthorized(
      'access-token',
      common.logger,
      'Qontak refused the dashboard access token (HTTP 401): it was revoked or replaced. Issue a new access token in the Qontak dashboard and configure it (QONTAK_ACCESS_TOKEN).',
    );
  }

  /**
   * A `QontakAccessTokenAuth` configured from environment variables: `QONTAK_ACCESS_TOKEN` (required)
   * and `QONTAK_BASE_URL` (optional). `overrides` win over the environment.
   * @throws {QontakAuthError} `config_error` naming the missing variable.
   */
  static fromEnv(
    env: QontakAuthEnv = globalThis.process?.env ?? {},
    overrides: Partial<QontakAccessTokenAuthOptions> = {},
  ): QontakAccessTokenAuth {
    return new QontakAccessTokenAuth(
      optionsFromEnv('QontakAccessTokenAuth.fromEnv', env, ENV, overrides) as QontakAccessTokenAuthOptions,
    );
  }

  /** The dashboard access token. */
  async getAccessToken(): Promise<string> {
    return this.#accessToken;
  }

  /** `{ authorization: 'Bearer <token>' }` for a request under the API base path, `{}` for any other URL. Never waits. */
  async authorizeRequest(request: AuthorizeRequestInput): Promise<AuthorizationHeaders> {
    return this.authorizeRequestNow(request);
  }

  /** The same headers as {@link authorizeRequest}, at once. */
  override authorizeRequestNow(request: AuthorizeRequestInput): AuthorizationHeaders {
    return this.isAuthorizedUrl(request.url) ? this.#headers : NO_HEADERS;
  }

  /**
   * Always `false`: there is nothing to renew, so a replay would be refused again. The first 401 to a
   * request that carried this token logs one warning that it was revoked or replaced.
   */
  async handleUnauthorized(sentHeaders: AuthorizationHeaders): Promise<boolean> {
    return this.#unauthorized.report(bearerTokenOf(sentHeaders) === this.#accessToken);
  }

  /** Safe fields for logs; the token `[redacted]`. */
  toJSON(): Record<string, unknown> {
    return { scheme: 'access-token', baseUrl: this.baseUrl, accessToken: REDACTED };
  }
}
