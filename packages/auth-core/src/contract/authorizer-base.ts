import { authorizedFetch } from './authorized-fetch';
import { HEALTH_OPERATION_PATH } from '../config/constants';
import { OriginPolicy } from './origin-policy';
import { inspectSymbol } from '../logging/redaction';
import {
  NO_HEADERS,
  RequestAuthorizer,
  type AuthorizationHeaders,
  type AuthorizeRequestInput,
} from './request-authorizer';
import type { ResolvedAuthorizerOptions } from './resolve-authorizer-options';

/**
 * What the three schemes share: the URLs (`baseUrl`, `apiBaseUrl`, `healthUrl`), the origin policy,
 * the redirect rule, `fetch`, and output that never shows a secret (`toString` and `util.inspect` are
 * made from the scheme's {@link toJSON}, which lists only safe fields).
 */
export abstract class AuthorizerBase extends RequestAuthorizer {
  readonly baseUrl: string;
  readonly apiBaseUrl: string;
  readonly healthUrl: string;
  readonly #origins: OriginPolicy;
  readonly #fetch: typeof globalThis.fetch;

  /**
   * @param common the resolved common options.
   * @param apiPath where the Open API lives, relative to the base URL: credentials go only to URLs under
   *   it (under `<basePath><apiPath>` on the base URL's origin and on each allowed origin).
   * @param protectedPaths paths (relative to the origin) that never get credentials.
   */
  protected constructor(
    common: ResolvedAuthorizerOptions,
    apiPath: string,
    protectedPaths: readonly string[],
  ) {
    super();
    this.baseUrl = common.baseUrl;
    this.apiBaseUrl = `${common.baseUrl}${apiPath}`;
    this.healthUrl = `${this.apiBaseUrl}${HEALTH_OPERATION_PATH}`;
    this.#origins = new OriginPolicy(common.allowedOrigins, common.basePath + apiPath, protectedPaths);
    this.#fetch = common.fetch;
  }

  isAuthorizedUrl(url: string | URL): boolean {
    return this.#origins.allows(url);
  }

  authorizeRedirect(request: AuthorizeRequestInput, carried: AuthorizationHeaders): AuthorizationHeaders {
    if (Object.keys(carried).length === 0 || !this.isAuthorizedUrl(request.url)) return NO_HEADERS;
    return this.redirectHeaders(request, carried);
  }

  /** The headers of an authorized hop of a chain that carried `carried`: the same ones, unless the scheme signs each request. */
  protected redirectHeaders(
    _request: AuthorizeRequestInput,
    carried: AuthorizationHeaders,
  ): AuthorizationHeaders {
    return carried;
  }

  fetch(input: string | URL, init?: RequestInit): Promise<Response> {
    return authorizedFetch(this, this.#fetch, input, init);
  }

  /** Resolves at once: a scheme whose credential is at hand (a dashboard token, an HMAC secret) fetches nothing first. */
  async ready(_options?: { signal?: AbortSignal | undefined }): Promise<void> {}

  /** Does nothing: a scheme without timers or requests of its own has nothing to stop. Never throws. */
  async close(): Promise<void> {}

  /** The scheme's safe fields, for structured logs: secrets are `[redacted]`. */
  abstract toJSON(): Record<string, unknown>;

  /** A one-line description made of {@link toJSON}'s fields; secrets `[redacted]`. */
  override toString(): string {
    const fields = Object.entries(this.toJSON())
      .filter(([, value]) => value !== undefined && typeof value !== 'object')
      .map(([key, value]) => `${key}: ${typeof value === 'string' ? `'${value}'` : String(value)}`);
    return `${this.constructor.name} { ${fields.join(', ')} }`;
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}
