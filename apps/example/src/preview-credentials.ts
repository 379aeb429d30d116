import type { AuthorizationHeaders } from '@qontak/auth-core';

/** Shortest run of token characters that {@link previewSecret} shows any of; shorter ones become `…`. */
const MIN_SHOWN_LENGTH = 16;
/**
 * A run of the characters tokens and signatures are made of (base64, base64url), as long as they are
 * (Qontak's tokens have 43 characters, an HMAC-SHA256 signature 44); shorter words (a client id such
 * as `demo-hmac-client`, `hmac-sha256`) are left as they are.
 */
const SECRET_RUN = /[A-Za-z0-9+/=_-]{24,}/g;

/**
 * A preview of a secret that is safe to print: its first 4 and last 3 characters around `…`
 * (e.g. `WPuW…rbU`). A secret shorter than 16 characters is shown as `…` alone, so a preview never
 * reveals most of it. Never throws.
 */
export function previewSecret(secret: string): string {
  if (secret.length < MIN_SHOWN_LENGTH) return '…';
  return `${secret.slice(0, 4)}…${secret.slice(-3)}`;
}

/**
 * The headers a request was authorized with, safe to print: every run of 24 or more token characters
 * (an access token, a signature) is previewed, whatever the scheme: `Bearer WPuW…rbU`,
 * `hmac username="…", …, signature="q1Zx…Y0="`. The `Date` header stays as it is.
 */
export function previewCredentials(headers: AuthorizationHeaders): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    shown[name] = name === 'date' ? value : value.replace(SECRET_RUN, previewSecret);
  }
  return shown;
}
