import { QontakAuthErrorCode, type QontakAuthError } from '@qontak/auth-core';

/** HTTP 502 Bad Gateway: Qontak answered, but refused the credentials or the request. */
const BAD_GATEWAY = 502;
/** HTTP 503 Service Unavailable: Qontak could not be reached or gave no usable answer; try again later. */
const SERVICE_UNAVAILABLE = 503;
/** HTTP 500: this service's own configuration is wrong (or its QontakAuth is closed). */
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
  [QontakAuthErrorCode.InvalidResponse]: SERVICE_UNAVAILABLE,
  [QontakAuthErrorCode.ConfigError]: INTERNAL_SERVER_ERROR,
};

/**
 * The HTTP status this service answers ITS client with when no Qontak token can be had: 502 when
 * Qontak refused (`invalid_grant`, `invalid_client`, `invalid_request`, `unsupported_grant_type`),
 * 503 when Qontak is unreachable, slow, failing or rate-limiting (`network_error`, `timeout`,
 * `server_error`, `rate_limited`, `invalid_response`), 500 for `config_error`. Never Qontak's own
 * status (a 400 from Qontak's token endpoint is not the client's fault).
 */
export function qontakErrorStatus(error: Pick<QontakAuthError, 'code'>): number {
  return STATUS_BY_CODE[error.code] ?? INTERNAL_SERVER_ERROR;
}
