import { inspectSymbol, REDACTED } from '../logging/redaction';

/** `ms` as an ISO 8601 time, or as the number when no `Date` can hold it (never throws). */
export function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

/** The fields a {@link QontakToken} is made of. */
export interface QontakTokenInit {
  /** The bearer token to send as `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /** The refresh token, when the server issued one. */
  refreshToken?: string | undefined;
  /** When the access token stops working, in ms since the epoch, by the local clock. */
  expiresAt: number;
  /** The server's `created_at` (unix seconds), kept for information only. */
  createdAt?: number | undefined;
  /** When the request for this token was sent, in ms since the epoch, by the local clock. */
  issuedAt?: number | undefined;
}

/**
 * An access token with its expiry. The token strings are readable through `accessToken` and
 * `refreshToken`, but `JSON.stringify`, `util.inspect` and `String()` show them as `[redacted]`;
 * use {@link serializeToken} to persist one.
 */
export class QontakToken {
  readonly #accessToken: string;
  readonly #refreshToken: string | undefined;
  /** Always `'Bearer'` (the server's `token_type`, accepted case-insensitively). */
  readonly tokenType = 'Bearer' as const;
  /** When the access token stops working, in ms since the epoch, by the local clock. */
  readonly expiresAt: number;
  /** The server's `created_at` (unix seconds), for information; expiry never depends on it. */
  readonly createdAt: number | undefined;
  /** When the request for this token was sent (local clock, ms); its lifetime is `expiresAt - issuedAt`. */
  readonly issuedAt: number | undefined;

  constructor(init: QontakTokenInit) {
    this.#accessToken = init.accessToken;
    this.#refreshToken = init.refreshToken;
    this.expiresAt = init.expiresAt;
    this.createdAt = init.createdAt;
    this.issuedAt = init.issuedAt;
  }

  /** The bearer token. */
  get accessToken(): string {
    return this.#accessToken;
  }

  /** The refresh token, if the server issued one. */
  get refreshToken(): string | undefined {
    return this.#refreshToken;
  }

  /** The token's safe fields; the token strings are `[redacted]`. */
  toJSON(): Record<string, unknown> {
    return {
      tokenType: this.tokenType,
      accessToken: REDACTED,
      refreshToken: this.#refreshToken === undefined ? undefined : REDACTED,
      expiresAt: isoTime(this.expiresAt),
      createdAt: this.createdAt,
    };
  }

  /** A one-line description with the token strings `[redacted]`. */
  toString(): string {
    return `QontakToken { tokenType: 'Bearer', accessToken: '${REDACTED}', expiresAt: ${isoTime(this.expiresAt)} }`;
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

/**
 * Turns a token into a string a {@link TokenStore} can keep (JSON with the real token strings).
 * Whoever can read the result can use the token: keep it where secrets are kept.
 */
export function serializeToken(token: QontakToken): string {
  return JSON.stringify({
    v: 1,
    accessToken: token.accessToken,
    refreshToken: token.refreshToken,
    expiresAt: token.expiresAt,
    createdAt: token.createdAt,
    issuedAt: token.issuedAt,
  });
}

/**
 * Reads a string made by {@link serializeToken}. Returns `undefined` for anything else (a corrupted or
 * foreign entry is treated as no token, never thrown).
 */
export function deserializeToken(text: string): QontakToken | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { v, accessToken, refreshToken, expiresAt, createdAt, issuedAt } = data as Record<string, unknown>;
  if (v !== 1 || typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || Math.abs(expiresAt) > 8.64e15)
    return undefined;
  return new QontakToken({
    accessToken,
    refreshToken: typeof refreshToken === 'string' ? refreshToken : undefined,
    expiresAt,
    createdAt: typeof createdAt === 'number' ? createdAt : undefined,
    issuedAt: typeof issuedAt === 'number' ? issuedAt : undefined,
  });
}
