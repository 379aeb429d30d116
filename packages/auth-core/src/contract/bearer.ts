import type { AuthorizationHeaders } from './request-authorizer';

/** The headers of a request that carries `accessToken`: one frozen object, shared by every request. */
export function bearerHeaders(accessToken: string): AuthorizationHeaders {
  return Object.freeze({ authorization: `Bearer ${accessToken}` });
}

/** The access token a request carried in `Authorization: Bearer …`, or `undefined`. */
export function bearerTokenOf(headers: AuthorizationHeaders): string | undefined {
  const value = headers['authorization'] ?? headers['Authorization'];
  return typeof value === 'string' && /^bearer /i.test(value) ? value.slice(7) : undefined;
}

/** Whether `headers` carry `Authorization: Bearer <accessToken>`; allocates nothing. */
export function carriesBearer(headers: AuthorizationHeaders, accessToken: string): boolean {
  const value = headers['authorization'] ?? headers['Authorization'];
  return (
    typeof value === 'string' &&
    value.length === accessToken.length + 7 &&
    value.endsWith(accessToken) &&
    /^bearer /i.test(value)
  );
}

/** Visible ASCII only: what can follow `Bearer ` in a header (RFC 6750's b64token is a subset). */
export const HEADER_SAFE_TOKEN = /^[\x21-\x7E]+$/;
