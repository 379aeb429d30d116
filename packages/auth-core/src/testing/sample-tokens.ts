import { randomBytes, randomUUID } from 'node:crypto';
import { QontakToken } from '../stores/token';

/** Characters a careless store mangles: quotes, backslash, URL and base64 punctuation, non-ASCII. */
const AWKWARD = ` "q" 'q' \\ %20 +/= .~-_ é 鍵 🔑`;

/** A store key shaped like the core's (`qontak:<origin>:<client id>:<username>`), unique to this call. */
export function freshKey(): string {
  return `qontak:https://chat-service.qontak.com:conformance:${randomUUID()}@example.com`;
}

/** A token expiring `lifetimeMs` from now, with every field set, long awkward token strings included. */
export function fullToken(lifetimeMs = 3_600_000): QontakToken {
  const now = Date.now();
  return new QontakToken({
    accessToken: `${randomBytes(768).toString('base64url')}${AWKWARD}`,
    refreshToken: `${randomBytes(96).toString('base64url')}${AWKWARD}`,
    expiresAt: now + lifetimeMs,
    issuedAt: now - 1_234,
    createdAt: Math.floor(now / 1_000) - 2,
  });
}

/** A token with only its required fields: no refresh token, no `issuedAt`, no `createdAt`. */
export function bareToken(lifetimeMs = 3_600_000): QontakToken {
  return new QontakToken({
    accessToken: `bare-${randomBytes(24).toString('base64url')}`,
    expiresAt: Date.now() + lifetimeMs,
  });
}

/** A token's fields, token strings included, for comparing what a store returned with what it was given. */
export function tokenFields(token: QontakToken | undefined): Record<string, unknown> | undefined {
  if (token === undefined) return undefined;
  return {
    accessToken: token.accessToken,
    refreshToken: token.refreshToken,
    expiresAt: token.expiresAt,
    issuedAt: token.issuedAt,
    createdAt: token.createdAt,
  };
}
