import { authorizedFetch } from './authorized-fetch';
import type { MekariHmacAuthOptions } from './mekari-hmac-auth-options';
import { formatHttpDate, signMekariRequest } from './mekari-hmac-signature';
import { QontakAuthError, QontakAuthErrorCode } from './qontak-auth-error';
import type { QontakAuthEnv } from './qontak-auth';
import { inspectSymbol, REDACTED } from './redaction';
import type { AuthorizationHeaders, AuthorizeRequestInput, RequestAuthorizer } from './request-authorizer';
import { resolveMekariHmacOptions, type ResolvedMekariHmacOptions } from './resolve-mekari-hmac-options';

const NO_HEADERS: AuthorizationHeaders = Object.freeze({});

/**
 * Qontak Chat API authentication through the Mekari API gateway (`https://api.mekari.com/qontak/chat/v1/...`):
 * every request is signed with HMAC-SHA256 using a client id and secret from Mekari's developer portal.
 * There is no token, no grant and no cache: {@link authorizeRequest} returns a fresh `Date` header and
 * `Authorization: hmac username="…", algorithm="hmac-sha256", headers="date request-line", signature="…"`
 * for each request to the gateway's origin.
 *
 * It implements the same {@link RequestAuthorizer} as `QontakAuth`, so the axios interceptor, the Express
 * middleware, the Nest module and {@link authorizedFetch} take either scheme unchanged.
 *
 * @throws {QontakAuthError} `config_error` from the constructor when options are missing or invalid.
 */
export class MekariHmacAuth implements RequestAuthorizer {
  /** The gateway's base URL without a trailing slash, e.g. `https://api.mekari.com`. */
  readonly baseUrl: string;
  /** The HMAC client id (the signature's `username`; not a secret). */
  readonly clientId: string;

  readonly #o: ResolvedMekariHmacOptions;

  constructor(options: MekariHmacAuthOptions) {
    this.#o = resolveMekariHmacOptions(options);
    this.baseUrl = this.#o.baseUrl;
    this.clientId = this.#o.clientId;
  }

  /**
   * A `MekariHmacAuth` configured from environment variables: `MEKARI_CLIENT_ID`, `MEKARI_CLIENT_SECRET`
   * (required) and `MEKARI_BASE_URL` (optional, default {@link MEKARI_API_BASE_URL}). `overrides` win
   * over the environment. To pick between this and `QontakAuth` by the variables set, use {@link authFromEnv}.
   * @throws {QontakAuthError} `config_error` naming every missing variable.
   */
  static fromEnv(
    env: QontakAuthEnv = globalThis.process?.env ?? {},
    overrides: Partial<MekariHmacAuthOptions> = {},
  ): MekariHmacAuth {
    const read = (name: string): string | undefined => {
      const value = env[name];
      return value === undefined || value.trim() === '' ? undefined : value;
    };
    const fromEnv = {
      clientId: read('MEKARI_CLIENT_ID'),
      clientSecret: read('MEKARI_CLIENT_SECRET'),
      baseUrl: read('MEKARI_BASE_URL'),
    };
    const missing = (
      [
        ['clientId', 'MEKARI_CLIENT_ID'],
        ['clientSecret', 'MEKARI_CLIENT_SECRET'],
      ] as const
    )
      .filter(([field]) => (overrides[field] ?? fromEnv[field]) === undefined)
      .map(([, name]) => name);
    if (missing.length > 0) {
      throw new QontakAuthError(
        QontakAuthErrorCode.ConfigError,
        `MekariHmacAuth.fromEnv: missing environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
      );
    }
    return new MekariHmacAuth({
      ...overrides,
      clientId: overrides.clientId ?? fromEnv.clientId!,
      clientSecret: overrides.clientSecret ?? fromEnv.clientSecret!,
      baseUrl: overrides.baseUrl ?? fromEnv.baseUrl,
    });
  }

  /** Whether a request to `url` is signed: the gateway's origin (or `allowedOrigins`), any path. */
  isAuthorizedUrl(url: string | URL): boolean {
    try {
      return this.#o.allowedOrigins.has((typeof url === 'string' ? new URL(url) : url).origin);
    } catch {
      return false;
    }
  }

  /**
   * `{ date, authorization }` for a request to the gateway's origin: the `Date` header from the clock and
   * the HMAC signature over that date and the request line (method upper-cased, path and query as `URL`
   * percent-encodes them). `{}` for any other URL. The returned object is frozen: copy it before changing it.
   * Never waits on the network.
   * @throws {RangeError} when the clock does not return a valid time.
   */
  async authorizeRequest(request: AuthorizeRequestInput): Promise<AuthorizationHeaders> {
    return this.authorizeRedirect(request);
  }

  /**
   * The same headers as {@link authorizeRequest}, synchronously: a redirect hop within the gateway
   * is signed for its own request line (an HTTP client that follows redirects calls this from its
   * synchronous redirect hook).
   */
  authorizeRedirect(request: AuthorizeRequestInput): AuthorizationHeaders {
    if (!this.isAuthorizedUrl(request.url)) return NO_HEADERS;
    const date = formatHttpDate(this.#o.clock());
    const authorization = signMekariRequest({
      clientId: this.#o.clientId,
      clientSecret: this.#o.clientSecret,
      method: request.method,
      url: request.url,
      date,
    });
    return Object.freeze({ date, authorization });
  }

  /**
   * Always `false`: a signature is made per request, so there is no credential to drop, and a replay
   * would be signed with the same secret (a 401 from the gateway means a wrong id or secret, or a clock
   * more than 300 s off). The 401 reaches the caller.
   */
  async handleUnauthorized(_sentHeaders?: AuthorizationHeaders): Promise<boolean> {
    return false;
  }

  /**
   * `fetch` with HMAC signatures: relative paths resolve against `baseUrl`; each request (and each
   * redirect hop) to the gateway's origin gets its own `Date` and `Authorization`; another origin gets
   * neither, not even through a redirect. A caller's own `Authorization` header is left alone.
   * @throws what `fetch` throws.
   */
  fetch(input: string | URL, init?: RequestInit): Promise<Response> {
    return authorizedFetch(this, this.#o.fetch, input, init);
  }

  /** Does nothing (there are no timers or requests of its own); here so both schemes can be closed alike. Never throws. */
  async close(): Promise<void> {}

  /** Safe fields for logs; the client secret `[redacted]`. */
  toJSON(): Record<string, unknown> {
    return { scheme: 'mekari-hmac', baseUrl: this.baseUrl, clientId: this.clientId, clientSecret: REDACTED };
  }

  /** A one-line description; the client secret `[redacted]`. */
  toString(): string {
    return `MekariHmacAuth { baseUrl: '${this.baseUrl}', clientId: '${this.clientId}', clientSecret: '${REDACTED}' }`;
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}
