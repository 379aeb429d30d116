import type { Reply } from '../server/reply';
import { jsonReply } from '../server/reply';

/** The OAuth error codes the emulator's token and revoke endpoints answer with. */
type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'unauthorized_client';

/** Doorkeeper 5.5's own `error_description` strings (config/locales/en.yml). */
export const DESCRIPTIONS = {
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_request:
    'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  unauthorized_client: 'You are not authorized to revoke this token',
} as const satisfies Record<OAuthErrorCode, string>;

/** Doorkeeper's description of a missing parameter, e.g. `Missing required parameter: grant_type.` */
export function missingParameter(name: string): string {
  return `Missing required parameter: ${name}.`;
}

/** Why the protected API refused a bearer token. */
export type InvalidTokenReason = 'invalid' | 'expired' | 'revoked';

const INVALID_TOKEN_DESCRIPTIONS: Record<InvalidTokenReason, string> = {
  invalid: 'The access token is invalid',
  expired: 'The access token expired',
  revoked: 'The access token was revoked',
};

function challenge(error: string, description: string): string {
  return `Bearer realm="Doorkeeper", error="${error}", error_description="${description}"`;
}

/** Headers Doorkeeper puts on every token-endpoint response. */
export const NO_STORE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
};

/** A token-endpoint error reply, with its code readable for the stats. */
export type TokenErrorReply = Reply & { json: { error: OAuthErrorCode; error_description: string } };

/**
 * A token-endpoint error as Doorkeeper answers it: 401 for `invalid_client`, 400 otherwise, a JSON body
 * with `error` and `error_description`, a `WWW-Authenticate` challenge and no-store headers.
 */
export function tokenErrorReply(
  error: Exclude<OAuthErrorCode, 'unauthorized_client'>,
  description: string = DESCRIPTIONS[error],
): TokenErrorReply {
  return {
    status: error === 'invalid_client' ? 401 : 400,
    headers: { ...NO_STORE_HEADERS, 'WWW-Authenticate': challenge(error, description) },
    json: { error, error_description: description },
  };
}

/** The revoke endpoint's 403 for a known token revoked without its client's (or any known client's) credentials. */
export function unauthorizedClientReply(): Reply {
  return jsonReply(403, {
    error: 'unauthorized_client',
    error_description: DESCRIPTIONS.unauthorized_client,
  });
}

/** The protected API's 401: an EMPTY `text/html` body and a `WWW-Authenticate` challenge. */
export function invalidTokenReply(reason: InvalidTokenReason): Reply {
  return {
    status: 401,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'WWW-Authenticate': challenge('invalid_token', INVALID_TOKEN_DESCRIPTIONS[reason]),
    },
    body: '',
  };
}
