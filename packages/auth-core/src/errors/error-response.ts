import type { QontakApiErrorLike } from './api-error-like';
import { QontakAuthErrorCode, type QontakAuthError } from './auth-error';
import { boundedRetryAfter } from '../password/retry-policy';

/** HTTP 502 Bad Gateway: Qontak answered, but refused the credentials or the request, or answered something unusable. */
const BAD_GATEWAY = 502;
/** HTTP 503 Service Unavailable: Qontak could not be reached, timed out, failed (5xx) or rate-limited; try again later. */
const SERVICE_UNAVAILABLE = 503;
/** HTTP 500: this service's own configuration is wrong (or its authorizer is closed). */
const INTERNAL_SERVER_ERROR = 500;

const STATUS_BY_CODE: Readonly<Record<QontakAuthErrorCode, number>> = {
  [QontakAuthErrorCode.InvalidGrant]: BAD_GATEWAY,
  [QontakAuthErrorCode.InvalidClient]: BAD_GATEWAY,
  [QontakAuthErrorCode.InvalidRequest]: BAD_GATEWAY,
  [QontakAuthErrorCode.UnsupportedGrantType]: BAD_GATEWAY,
  [QontakAuthErrorCode.RateLimited]: SERVICE_UNAVAILABLE,
  [QontakAuthErrorCode.ServerError]: SERVICE_UNAVAILABLE,
  [QontakAuthErrorCode.NetworkError]: SERVICE_UNAVAILABLE,
  [QontakAuthErrorCode.Timeout]: SERVICE_UNAVAILABLE,
  [QontakAuthErrorCode.InvalidResponse]: BAD_GATEWAY,
  [QontakAuthErrorCode.ConfigError]: INTERNAL_SERVER_ERROR,
};

/** The code a detailed body and the adapters' logs give a `QontakApiError` (Qontak's own status is in its message). */
const QONTAK_API_ERROR = 'qontak_api_error' as const;

/**
 * The status for an Open API call that failed: 503 for a `timeout`, or for Qontak's 429 or 5xx (Qontak
 * is slow, rate-limiting or failing: try later), 502 for any other (Qontak refused the request, or its
 * answer was too large to use).
 */
function statusForApiError({ code, status }: QontakApiErrorLike): number {
  if (code === 'timeout') return SERVICE_UNAVAILABLE;
  return status !== undefined && (status === 429 || status >= 500) ? SERVICE_UNAVAILABLE : BAD_GATEWAY;
}

/** The status for a `QontakAuthError`'s code (500 for a code this copy of the core does not know). */
function statusForAuthError({ code }: Pick<QontakAuthError, 'code'>): {
  code: QontakAuthErrorCode;
  status: number;
} {
  return { code, status: STATUS_BY_CODE[code] ?? INTERNAL_SERVER_ERROR };
}

/** The JSON body of a {@link QontakErrorResponse}. */
export interface QontakErrorResponseBody {
  /**
   * With details, the error's code (`invalid_grant`, `network_error`, ..., or `qontak_api_error`). Without, one of
   * `bad_gateway` (502), `service_unavailable` (503), `internal_server_error` (500).
   */
  error: string;
  /**
   * With details, the error's message (what happened and what to do; never a secret, but it may name
   * the token endpoint's host and port). Without, a sentence an end user can act on, with nothing
   * about the upstream service or this service's credentials.
   */
  message: string;
}

/**
 * What a web service answers ITS client with when a `QontakAuthError` keeps it from calling Qontak, or
 * Qontak answered a call with an error status (a `QontakApiError`).
 */
export interface QontakErrorResponse {
  /** 502 when Qontak refused or answered something unusable, 503 when Qontak is unreachable, failing or rate-limiting, 500 for `config_error`. */
  status: number;
  /** The error's code, for logs: a `QontakAuthError`'s `code`, or `qontak_api_error`. */
  code: QontakAuthErrorCode | typeof QONTAK_API_ERROR;
  /** The JSON body. */
  body: QontakErrorResponseBody;
  /**
   * The `Retry-After` header value in whole seconds, when Qontak said how long to wait (503 only), at most
   * 86,400 (one day, however long Qontak asked for); else `undefined`.
   */
  retryAfterSeconds: number | undefined;
}

const GENERIC_BODIES: Readonly<Record<number, QontakErrorResponseBody>> = {
  [BAD_GATEWAY]: { error: 'bad_gateway', message: 'The upstream service refused this request.' },
  [SERVICE_UNAVAILABLE]: {
    error: 'service_unavailable',
    message: 'The upstream service is unavailable; try again later.',
  },
  [INTERNAL_SERVER_ERROR]: {
    error: 'internal_server_error',
    message: 'The server could not handle this request.',
  },
};

/**
 * The answer for an error that keeps a web service from calling Qontak (the one mapping the Express error
 * handler and the Nest exception filter share). Its status is never Qontak's own (a 400 from Qontak is not
 * the client's fault):
 * - a `QontakAuthError` (no credentials could be had): 502 when Qontak refused, or answered something
 *   that is not a usable token (`invalid_grant`, `invalid_client`, `invalid_request`,
 *   `unsupported_grant_type`, `invalid_response`); 503 when Qontak is unreachable, slow, failing or
 *   rate-limiting (`network_error`, `timeout`, `server_error`, `rate_limited`); 500 for `config_error`;
 * - a `QontakApiError` of `@qontak/client` (Qontak answered an Open API call with
 *   an error status, e.g. during `paginate`, or too much, or too slowly): 503 for a `timeout` and for
 *   Qontak's 429 or 5xx, 502 for any other status (and an answer too large to read).
 *
 * A 503 carries `retryAfterSeconds` when the error says how long Qontak asked to wait (`retryAfterMs`).
 * The body is generic unless `exposeDetails` is `true` (the boolean; a string such as `'false'` from an
 * environment variable counts as `false`, as does anything else), when it carries the code and message:
 * turn that on only where the callers are the developers of the service.
 */
export function qontakErrorResponse(
  error: Pick<QontakAuthError, 'code' | 'message' | 'retryAfterMs'> | QontakApiErrorLike,
  options: { exposeDetails?: boolean | undefined } = {},
): QontakErrorResponse {
  const { code, status } =
    (error as { name?: unknown }).name === 'QontakApiError'
      ? { code: QONTAK_API_ERROR, status: statusForApiError(error as QontakApiErrorLike) }
      : statusForAuthError(error as Pick<QontakAuthError, 'code'>);
  const body =
    options?.exposeDetails === true
      ? { error: code, message: error.message }
      : { ...(GENERIC_BODIES[status] ?? GENERIC_BODIES[INTERNAL_SERVER_ERROR]!) };
  const waitMs = status === SERVICE_UNAVAILABLE ? boundedRetryAfter(error.retryAfterMs) : undefined;
  const retryAfterSeconds = waitMs === undefined ? undefined : Math.ceil(waitMs / 1000);
  return { status, code, body, retryAfterSeconds };
}
