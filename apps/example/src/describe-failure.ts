import { QontakAuthErrorCode } from '@qontak/auth-core';

/**
 * Why the demo failed: one of the core's {@link QontakAuthErrorCode} values, or a failure of the
 * health call itself (`health_unauthorized`, `health_failed`), or `unexpected` for anything else.
 */
export type DemoFailureCode =
  QontakAuthErrorCode | 'health_unauthorized' | 'health_failed' | 'broadcast_failed' | 'unexpected';

/** What {@link describeFailure} knows about the failed run. */
export interface FailureContext {
  /** The server the demo talked to, when known. */
  baseUrl?: string | undefined;
  /** Whether that server was the embedded emulator. */
  emulator?: boolean | undefined;
  /** The HTTP status of the answer that failed, when there was one. */
  status?: number | undefined;
  /** A secret-free detail (e.g. the core's error message for `config_error`). */
  detail?: string | undefined;
  /** The health URL that was called, when the health call failed. */
  healthUrl?: string | undefined;
}

/**
 * One line that names the cause of a failed demo run and what to do about it, e.g.
 * `Qontak rejected the username or password (invalid_grant): check QONTAK_USERNAME and QONTAK_PASSWORD.`
 * It never contains a secret (the context it is given holds none). Never throws.
 */
export function describeFailure(code: DemoFailureCode, context: FailureContext = {}): string {
  const server = context.baseUrl ?? 'the server';
  const http = context.status === undefined ? '' : `, HTTP ${context.status}`;
  switch (code) {
    case QontakAuthErrorCode.InvalidGrant:
      return `Qontak rejected the username or password (invalid_grant${http}): check QONTAK_USERNAME and QONTAK_PASSWORD.`;
    case QontakAuthErrorCode.InvalidClient:
      return `Qontak rejected the OAuth client id or secret (invalid_client${http}): check QONTAK_CLIENT_ID and QONTAK_CLIENT_SECRET, or unset both to use Qontak's documented client.`;
    case QontakAuthErrorCode.NetworkError:
      return `Cannot reach ${server} (network_error): check QONTAK_BASE_URL (MEKARI_BASE_URL for the gateway) and your network connection.`;
    case QontakAuthErrorCode.Timeout:
      return `${server} did not answer in time (timeout): check QONTAK_BASE_URL (MEKARI_BASE_URL for the gateway) and your network, or try again later.`;
    case QontakAuthErrorCode.ServerError:
      return `${server} answered with a server error (server_error${http}): Qontak may be down; try again later.`;
    case QontakAuthErrorCode.RateLimited:
      return `${server} asked to slow down (rate_limited${http}): wait a minute and try again.`;
    case QontakAuthErrorCode.InvalidResponse:
      return `${server} answered with something that is not a Qontak token (invalid_response${http}): check that QONTAK_BASE_URL points at the Qontak Chat API.`;
    case QontakAuthErrorCode.InvalidRequest:
    case QontakAuthErrorCode.UnsupportedGrantType:
      return `${server} refused the token request (${code}${http}): check that QONTAK_BASE_URL points at the Qontak Chat API.`;
    case QontakAuthErrorCode.ConfigError:
      return `The configuration is not usable (config_error): ${context.detail ?? 'a credential variable is invalid.'} Fix the variables, or unset every credential variable to use the embedded emulator.`;
    case 'health_unauthorized':
      return `${server} refused the credentials on GET ${context.healthUrl ?? 'the health check'} (health_unauthorized${http}): a dashboard access token may have been revoked or replaced (issue a new one), an HMAC client needs the right id and secret and a clock within 300 s, and an account must be allowed to use the Open API.`;
    case 'health_failed':
      return `GET ${context.healthUrl ?? 'the health check'} failed (health_failed${http}): check QONTAK_BASE_URL (MEKARI_BASE_URL for the gateway), or try again later.`;
    case 'broadcast_failed':
      return `The template message was refused (broadcast_failed${http}): ${context.detail ?? 'no reason given'}. Check --template, --channel, --param and the number.`;
    case 'unexpected':
      return `The demo failed unexpectedly (unexpected${context.detail ? `: ${context.detail}` : ''}): please report it with this line.`;
  }
}
