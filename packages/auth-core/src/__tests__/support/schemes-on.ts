import { MekariHmacAuth } from '../../mekari/hmac-auth';
import { QontakAccessTokenAuth } from '../../access-token/access-token-auth';
import { QontakAuth } from '../../password/password-auth';
import type { RequestAuthorizer } from '../../contract/request-authorizer';

/**
 * The three schemes, each made on a base URL with test credentials (the password grant needs a token
 * endpoint there: `tokenIssuer()` of the recording server). Close what they make.
 */
export const SCHEMES_ON = {
  'password grant': (baseUrl: string) =>
    new QontakAuth({ baseUrl, username: 'u@example.com', password: 'p' }),
  'dashboard access token': (baseUrl: string) =>
    new QontakAccessTokenAuth({ baseUrl, accessToken: 'Dashboard-Token_0123456789abcdef' }),
  'Mekari HMAC': (baseUrl: string) =>
    new MekariHmacAuth({ baseUrl, clientId: 'hmac-id', clientSecret: 'hmac-secret' }),
} satisfies Record<string, (baseUrl: string) => RequestAuthorizer>;
