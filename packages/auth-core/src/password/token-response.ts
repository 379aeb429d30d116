import { HEADER_SAFE_TOKEN } from '../contract/bearer';
import { QontakAuthError, QontakAuthErrorCode } from '../errors/auth-error';
import { QontakToken } from '../stores/token';
import { redactSecrets } from '../logging/redaction';
import type { OAuthErrorBody, TokenResponseBody } from './wire-types';

const OAUTH_ERROR_CODES: ReadonlySet<string> = new Set([
  QontakAuthErrorCode.InvalidGrant,
  QontakAuthErrorCode.InvalidClient,
  QontakAuthErrorCode.InvalidRequest,
  QontakAuthErrorCode.UnsupportedGrantType,
]);

/** The largest time a JavaScript `Date` can hold, in ms. */
const MAX_DATE_MS = 8.64e15;

function invalidResponse(message: string, status: number): QontakAuthError {
  return new QontakAuthError(QontakAuthErrorCode.InvalidResponse, `Qontak token endpoint: ${message}`, {
    status,
  });
}

/** Parses JSON without ever letting the parser's message (which may quote the body) escape. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Turns a 200 answer of the token endpoint into a {@link QontakToken}. `issuedAt` is the local time the
 * request was sent: the token expires `expires_in` seconds after it.
 * @throws {QontakAuthError} `invalid_response` when the body is not JSON, has no `access_token`, is not
 *   a Bearer token, or has a missing or non-positive `expires_in`. The message never quotes the body.
 */
export function parseTokenResponse(status: number, text: string, issuedAt: number): QontakToken {
  const body = parseJson(text);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidResponse('the answer is not a JSON object.', status);
  }
  const data = body as Partial<Record<keyof TokenResponseBody, unknown>>;
  if (typeof data.access_token !== 'string' || data.access_token === '') {
    throw invalidResponse('the answer has no access_token.', status);
  }
  if (!HEADER_SAFE_TOKEN.test(data.access_token)) {
    throw invalidResponse(
      'the access_token has characters that cannot be sent in an Authorization header.',
      status,
    );
  }
  if (typeof data.token_type !== 'string' || data.token_type.toLowerCase() !== 'bearer') {
    throw invalidResponse('the token is not a Bearer token.', status);
  }
  const expiresIn = data.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw invalidResponse('expires_in is missing or not a positive number.', status);
  }
  const expiresAt = issuedAt + expiresIn * 1000;
  if (expiresAt > MAX_DATE_MS) {
    throw invalidResponse('expires_in is beyond any representable date.', status);
  }
  return new QontakToken({
    accessToken: data.access_token,
    refreshToken:
      typeof data.refresh_token === 'string' && data.refresh_token !== '' ? data.refresh_token : undefined,
    expiresAt,
    issuedAt,
    createdAt: typeof data.created_at === 'number' ? data.created_at : undefined,
  });
}

/**
 * The error for an answer whose body was larger than the client reads: `server_error` (retryable)
 * for a 5xx or 429 status, whose body does not matter; `invalid_response` otherwise.
 */
export function tooLargeError(status: number, retryAfterMs?: number): QontakAuthError {
  if (status >= 500 || status === 429) return tokenErrorFromResponse(status, '', [], retryAfterMs);
  return invalidResponse(
    `the answer (HTTP ${status}) is larger than a token answer can be; it was not read.`,
    status,
  );
}

/** The longest `error_description` kept, in characters. */
const MAX_DESCRIPTION = 500;

/**
 * Turns a non-200 answer of the token endpoint into a {@link QontakAuthError}: Doorkeeper's OAuth error
 * codes pass through with the server's `error_description` (every one of `secrets` the request carried
 * redacted from it, control characters escaped, at most 500 characters: a server or WAF may echo the
 * request); 429 is `rate_limited`; 5xx and anything unexpected are `server_error`. No other text of
 * the body reaches the error. `retryAfterMs` (the answer's `Retry-After`) is kept on a 429 or 5xx.
 */
export function tokenErrorFromResponse(
  status: number,
  text: string,
  secrets: ReadonlyArray<string | undefined> = [],
  retryAfterMs?: number,
): QontakAuthError {
  const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429) {
    return new QontakAuthError(
      QontakAuthErrorCode.RateLimited,
      'Qontak token endpoint: rate limited (HTTP 429).',
      { status, ...wait },
    );
  }
  const body = parseJson(text) as Partial<Record<keyof OAuthErrorBody, unknown>> | undefined;
  const code = typeof body === 'object' && body !== null ? body.error : undefined;
  const description =
    typeof body === 'object' && body !== null && typeof body.error_description === 'string'
      ? redactSecrets(body.error_description, secrets).slice(0, MAX_DESCRIPTION)
      : undefined;
  if (status < 500 && typeof code === 'string' && OAUTH_ERROR_CODES.has(code)) {
    const known = code as QontakAuthErrorCode;
    return new QontakAuthError(
      known,
      `${GUIDANCE[known] ?? 'Qontak rejected the token request.'} (HTTP ${status} ${code})`,
      { status, description },
    );
  }
  if (status >= 500) {
    return new QontakAuthError(
      QontakAuthErrorCode.ServerError,
      `Qontak token endpoint answered HTTP ${status}.`,
      {
        status,
        ...wait,
      },
    );
  }
  return new QontakAuthError(
    QontakAuthErrorCode.InvalidResponse,
    `Qontak token endpoint answered HTTP ${status} without an OAuth error body.`,
    { status },
  );
}

const GUIDANCE: Partial<Record<QontakAuthErrorCode, string>> = {
  invalid_grant:
    'Qontak rejected the grant: check the username and password (or the refresh token was revoked or used up).',
  invalid_client: 'Qontak rejected the OAuth client: check clientId and clientSecret.',
  invalid_request: 'Qontak rejected the token request as malformed.',
  unsupported_grant_type: 'Qontak does not accept this grant type for the client.',
};
