import { AuthorizerBase } from '../contract/authorizer-base';
import { MEKARI_API_BASE_URL, MEKARI_QONTAK_API_PATH } from '../config/constants';
import type { MekariHmacAuthOptions } from './hmac-auth-options';
import { formatHttpDate, signMekariRequest } from './hmac-signature';
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

const SCHEME = 'MekariHmacAuth';

/** The environment variables {@link MekariHmacAuth.fromEnv} reads, and the option each fills. */
const ENV = {
  clientId: { variable: 'MEKARI_CLIENT_ID', required: true },
  clientSecret: { variable: 'MEKARI_CLIENT_SECRET', required: true },
  baseUrl: { variable: 'MEKARI_BASE_URL' },
} as const;

/**
 * Qontak Chat API authentication through the Mekari API gateway (`https://api.mekari.com/qontak/chat/v1/...`):
 * every request is signed with HMAC-SHA256 using a client id and secret from Mekari's developer portal.
 * There is no token, no grant and no cache: {@link authorizeRequest} returns a fresh `Date` header and
 * `Authorization: hmac username="…", algorithm="hmac-sha256", headers="date request-line", signature="…"`
 * for each request under the gateway's Qontak Chat path (`<baseUrl>/qontak/chat/...`; never another
 * product behind the same gateway), and each redirect hop within it is signed for its own request line.
 *
 * @throws {QontakAuthError} `config_error` from the constructor when options are missing or invalid.
 */
export class MekariHmacAuth extends AuthorizerBase {
  /** The HMAC client id (the signature's `username`; not a secret). */
  readonly clientId: string;

  readonly #clientSecret: string;
  readonly #clock: () => number;
  readonly #unauthorized: FinalUnauthorized;

  constructor(options: MekariHmacAuthOptions) {
    requireStrings(SCHEME, options, ['clientId', 'clientSecret']);
    if (
      [...options.clientId].some(
        (c) => c === '"' || c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f,
      )
    ) {
      throw configError(SCHEME, 'clientId must not contain quotes, backslashes or control characters.');
    }
    const common = resolveAuthorizerOptions(SCHEME, options, {
      defaultBaseUrl: MEKARI_API_BASE_URL,
      path: MEKARI_QONTAK_API_PATH,
    });
    super(common, MEKARI_QONTAK_API_PATH, []);
    this.clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#clock = common.clock;
    this.#unauthorized = new FinalUnauthorized(
      'mekari-hmac',
      common.logger,
      'The Mekari API gateway refused the HMAC signature (HTTP 401): check the client id and secret (MEKARI_CLIENT_ID, MEKARI_CLIENT_SECRET) and that this host clock is within 300 s of the real time (NTP).',
    );
  }

  /**
   * A `MekariHmacAuth` configured from environment variables: `MEKARI_CLIENT_ID`, `MEKARI_CLIENT_SECRET`
   * (required) and `MEKARI_BASE_URL` (optional, default `https://api.mekari.com`). `overrides` win over
   * the environment. To pick a scheme by the variables set, use `authFromEnv`.
   * @throws {QontakAuthError} `config_error` naming every missing variable.
   */
  static fromEnv(
    env: QontakAuthEnv = globalThis.process?.env ?? {},
    overrides: Partial<MekariHmacAuthOptions> = {},
  ): MekariHmacAuth {
    return new MekariHmacAuth(
      optionsFromEnv('MekariHmacAuth.fromEnv', env, ENV, overrides) as MekariHmacAuthOptions,
    );
  }

  /**
   * `{ date, authorization }` for a request to the gateway's origin: the `Date` header from the clock and
   * the HMAC signature over that date and the request line (method upper-cased, path and query as `URL`
   * percent-encodes them). `{}` for any other URL. The returned object is frozen. Never waits.
   * @throws {RangeError} when the clock does not return a valid time.
   */
  async authorizeRequest(request: AuthorizeRequestInput): Promise<AuthorizationHeaders> {
    return this.authorizeRequestNow(request);
  }

  /**
   * The same headers as {@link authorizeRequest}, at once.
   * @throws {RangeError} when the clock does not return a valid time.
   */
  override authorizeRequestNow(request: AuthorizeRequestInput): AuthorizationHeaders {
    return this.isAuthorizedUrl(request.url) ? this.#sign(request) : NO_HEADERS;
  }

  /** A redirect hop within the gateway is signed for its own request line. */
  protected override redirectHeaders(request: AuthorizeRequestInput): AuthorizationHeaders {
    return this.#sign(request);
  }

  /**
   * Always `false`: a signature is made per request, so there is nothing to drop, and a replay would
   * be signed with the same secret. The first 401 logs one warning: a 401 from the gateway means a
   * wrong id or secret, or a clock more than 300 s off.
   */
  async handleUnauthorized(sentHeaders: AuthorizationHeaders): Promise<boolean> {
    const value = sentHeaders['authorization'] ?? sentHeaders['Authorization'];
    return this.#unauthorized.report(typeof value === 'string' && /^hmac /i.test(value));
  }

  /** Always `undefined`: the gateway takes a signature per request, never a bearer token. */
  async getAccessToken(): Promise<undefined> {
    return undefined;
  }

  /** Safe fields for logs; the client secret `[redacted]`. */
  toJSON(): Record<string, unknown> {
    return { scheme: 'mekari-hmac', baseUrl: this.baseUrl, clientId: this.clientId, clientSecret: REDACTED };
  }

  #sign(request: AuthorizeRequestInput): AuthorizationHeaders {
    const date = formatHttpDate(this.#clock());
    const authorization = signMekariRequest({
      clientId: this.clientId,
      clientSecret: this.#clientSecret,
      method: request.method,
      url: request.url,
      date,
    });
    return Object.freeze({ date, authorization });
  }
}
