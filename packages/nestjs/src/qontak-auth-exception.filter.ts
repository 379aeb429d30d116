import { Catch, Inject, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  isQontakApiError,
  isQontakAuthError,
  qontakErrorResponse,
  type QontakApiErrorLike,
  type QontakAuthError,
} from '@qontak/auth-core';
import { RESPONSE_OBJECT_ADAPTER, type FilterHttpAdapter } from './response-object-adapter';

/** Options of {@link QontakAuthExceptionFilter}. */
export interface QontakAuthExceptionFilterOptions {
  /**
   * Whether the body tells the caller the error's code and message (`{ "error": "invalid_grant",
   * "message": "Qontak rejected the grant: ..." }`) instead of a generic `{ "error": "bad_gateway" |
   * "service_unavailable" | "internal_server_error", "message": ... }` that says nothing about Qontak
   * or this service's credentials. Turn it on only where the callers are the developers of the service.
   * Only `true` turns it on: any other value (`false`, or a string such as `'false'` read from an
   * environment variable) is generic.
   *
   * Default (`undefined`): `true` only when `NODE_ENV` is `'development'` or `'test'` when the filter is created;
   * generic otherwise (`'production'`, `'staging'`, unset, ...).
   */
  exposeDetails?: boolean | undefined;
}

/** The `NODE_ENV` values under which {@link QontakAuthExceptionFilterOptions.exposeDetails} defaults to `true`. */
const DETAIL_ENVS: ReadonlySet<string> = new Set(['development', 'test']);

/**
 * Matches every `QontakAuthError` and `QontakApiError` for `@Catch()`, also one made by another copy of
 * `@qontak/auth-core` or `@qontak/client` (their other build, a duplicated install): Nest picks a filter
 * with `instanceof`, which this class answers with `isQontakAuthError` and `isQontakApiError` (by `name`).
 * Nothing else matches, so every other error keeps its own filters and Nest's built-in handling.
 */
abstract class AnyQontakError {
  static [Symbol.hasInstance](value: unknown): boolean {
    return isQontakAuthError(value) || isQontakApiError(value);
  }
}

/** Whether `value` is Nest's `HttpAdapterHost` (of this copy of `@nestjs/core` or another) rather than options. */
function isAdapterHost(value: unknown): value is HttpAdapterHost {
  return (
    value instanceof HttpAdapterHost ||
    (typeof value === 'object' && value !== null && 'httpAdapter' in value)
  );
}

/** The request's path without its query string (which may hold anything the caller sent). */
function pathOf(url: unknown): string {
  const text = typeof url === 'string' ? url : '';
  const query = text.indexOf('?');
  return query === -1 ? text : text.slice(0, query);
}

/**
 * A Nest exception filter for `QontakAuthError` (thrown when no credentials can be had: by the
 * injected `RequestAuthorizer`, the `@InjectQontakHttp()` client, or your own use of the core) and for
 * `QontakApiError` (thrown by `paginate` of `@qontak/client` when Qontak answers a page with an error
 * status). It answers with the mapping every adapter shares (`qontakErrorResponse` of
 * `@qontak/auth-core`), as JSON with `Cache-Control: no-store`:
 * - 502 when Qontak refused the credentials or the request (`invalid_grant`, `invalid_client`, ...,
 *   `invalid_response`; an API status other than 429 and 5xx);
 * - 503 when Qontak is unreachable, timing out, failing (5xx) or rate-limiting (429), with
 *   `Retry-After` (seconds, at most one day) when Qontak said how long to wait;
 * - 500 for `config_error`.
 * The body is generic unless {@link QontakAuthExceptionFilterOptions.exposeDetails}. Each error is
 * logged on one line through Nest's `Logger` (context `QontakAuthExceptionFilter`): method, path
 * (without the query string), status, code and message; no stack, never a secret.
 *
 * Other errors are not caught (they keep Nest's own handling). For HTTP applications (Express or
 * Fastify); in another context (RPC, WebSocket) it rethrows the error.
 *
 * Register it with the module's `exceptionFilter` option, or in `main.ts` with
 * `app.useGlobalFilters(new QontakAuthExceptionFilter(options?))`;
 * `@UseFilters(QontakAuthExceptionFilter)` works too (with the defaults).
 */
@Catch(AnyQontakError)
export class QontakAuthExceptionFilter implements ExceptionFilter<QontakAuthError | QontakApiErrorLike> {
  readonly #adapterHost: HttpAdapterHost | undefined;
  readonly #exposeDetails: boolean;
  readonly #logger = new Logger('QontakAuthExceptionFilter');

  /**
   * A filter that answers through the response object of each request (an Express `Response` or a
   * Fastify reply): `app.useGlobalFilters(new QontakAuthExceptionFilter())`.
   * @param options see {@link QontakAuthExceptionFilterOptions}.
   */
  constructor(options?: QontakAuthExceptionFilterOptions);
  /**
   * A filter that answers through the application's HTTP adapter (what Nest injects).
   * @param adapterHost the application's `HttpAdapterHost` (`app.get(HttpAdapterHost)`); when absent,
   *   the filter answers through each request's response object.
   * @param options see {@link QontakAuthExceptionFilterOptions}.
   */
  constructor(adapterHost: HttpAdapterHost | undefined, options?: QontakAuthExceptionFilterOptions);
  constructor(
    @Optional()
    @Inject(HttpAdapterHost)
    adapterHostOrOptions?: HttpAdapterHost | QontakAuthExceptionFilterOptions,
    @Optional()
    options?: QontakAuthExceptionFilterOptions,
  ) {
    const hasHost = isAdapterHost(adapterHostOrOptions);
    this.#adapterHost = hasHost ? adapterHostOrOptions : undefined;
    const exposeDetails = (hasHost || adapterHostOrOptions === undefined ? options : adapterHostOrOptions)
      ?.exposeDetails;
    this.#exposeDetails =
      exposeDetails === undefined
        ? DETAIL_ENVS.has(globalThis.process?.env?.['NODE_ENV'] ?? '')
        : exposeDetails === true;
  }

  /** Answers the request `error` interrupted. Called by Nest. Rethrows `error` outside HTTP. */
  catch(error: QontakAuthError | QontakApiErrorLike, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const adapter: FilterHttpAdapter = this.#adapterHost?.httpAdapter ?? RESPONSE_OBJECT_ADAPTER;
    const http = host.switchToHttp();
    const request: unknown = http.getRequest();
    const response: unknown = http.getResponse();
    const { status, code, body, retryAfterSeconds } = qontakErrorResponse(error, {
      exposeDetails: this.#exposeDetails,
    });
    const method = String(adapter.getRequestMethod?.(request) ?? '');
    const path = pathOf(adapter.getRequestUrl?.(request));
    this.#logger.error(`${method} ${path} answered ${status} (${code}): ${error.message}`);
    if (adapter.isHeadersSent(response)) {
      adapter.end(response);
      return;
    }
    adapter.setHeader(response, 'Cache-Control', 'no-store');
    if (retryAfterSeconds !== undefined) {
      adapter.setHeader(response, 'Retry-After', String(retryAfterSeconds));
    }
    adapter.reply(response, body, status);
  }
}
