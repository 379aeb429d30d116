/**
 * Which kind of credential a request to the API carried:
 * - `'bearer'`: an access token the emulator issued on `/oauth/token` (password or refresh grant);
 * - `'access-token'`: a static access token as copied from the Qontak dashboard (`accessTokens`);
 * - `'hmac'`: a Mekari API gateway HMAC signature (`hmacClients`), on `/qontak/chat/...`.
 */
export type EmulatorCredentialKind = 'bearer' | 'access-token' | 'hmac';
