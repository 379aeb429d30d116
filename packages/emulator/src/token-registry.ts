import { randomBytes } from 'node:crypto';
import type { InvalidTokenReason } from './doorkeeper-errors';
import type { RefreshRotation } from './emulator-options';

/**
 * One issued pair, like a row of Doorkeeper's `oauth_access_tokens` table: the access token and its
 * refresh token share one revocation.
 */
interface TokenRow {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly clientId: string;
  readonly username: string;
  readonly createdAtMs: number;
  readonly expiresInSeconds: number;
  revoked: boolean;
  /** The refresh token this pair replaced, revoked when this access token is first used. */
  previousRefreshToken: string | undefined;
}

/** The JSON body of a successful grant, as Doorkeeper renders it (no `scope`). */
export interface TokenResponseBody extends Record<string, unknown> {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  created_at: number;
}

export type AuthenticationResult =
  { ok: true; username: string; expiresIn: number } | { ok: false; reason: InvalidTokenReason };

/** Doorkeeper's token format: `SecureRandom.urlsafe_base64(32)`, 43 characters. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Issues, rotates, revokes and judges tokens, with expiry measured on the injected clock. */
export class TokenRegistry {
  readonly #byAccess = new Map<string, TokenRow>();
  readonly #byRefresh = new Map<string, TokenRow>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly rotation: RefreshRotation,
    private readonly clock: () => number,
  ) {}

  /** Issues a new pair (password grant). */
  issue(clientId: string, username: string, previousRefreshToken?: string): TokenResponseBody {
    const row: TokenRow = {
      accessToken: newToken(),
      refreshToken: newToken(),
      clientId,
      username,
      createdAtMs: this.clock(),
      expiresInSeconds: this.ttlSeconds,
      revoked: false,
      previousRefreshToken,
    };
    this.#byAccess.set(row.accessToken, row);
    this.#byRefresh.set(row.refreshToken, row);
    return {
      access_token: row.accessToken,
      token_type: 'Bearer',
      expires_in: this.#secondsLeft(row),
      refresh_token: row.refreshToken,
      created_at: Math.floor(row.createdAtMs / 1000),
    };
  }

  /**
   * Refresh grant: a new pair for a live refresh token issued to `clientId`, or `undefined`
   * (`invalid_grant`). With 'on-first-use' the old pair stays valid until the new access token is
   * used; with 'immediate' it is revoked now.
   */
  refresh(refreshToken: string, clientId: string): TokenResponseBody | undefined {
    const row = this.#byRefresh.get(refreshToken);
    if (!row || row.revoked || row.clientId !== clientId) return undefined;
    if (this.rotation === 'immediate') {
      row.revoked = true;
      return this.issue(clientId, row.username);
    }
    return this.issue(clientId, row.username, row.refreshToken);
  }

  /** Judges a bearer token on the API; a first successful use revokes the pair it replaced. */
  authenticate(accessToken: string): AuthenticationResult {
    const row = this.#byAccess.get(accessToken);
    if (!row) return { ok: false, reason: 'invalid' };
    if (row.revoked) return { ok: false, reason: 'revoked' };
    if (this.#secondsLeftExact(row) <= 0) return { ok: false, reason: 'expired' };
    if (row.previousRefreshToken !== undefined) {
      const previous = this.#byRefresh.get(row.previousRefreshToken);
      if (previous) previous.revoked = true;
      row.previousRefreshToken = undefined;
    }
    return { ok: true, username: row.username, expiresIn: this.#secondsLeft(row) };
  }

  /** The client an access or refresh token was issued to, or `undefined` for an unknown token. */
  ownerOf(token: string): string | undefined {
    return (this.#byAccess.get(token) ?? this.#byRefresh.get(token))?.clientId;
  }

  /** Revokes the pair an access or refresh token belongs to; unknown tokens are ignored. */
  revoke(token: string): void {
    const row = this.#byAccess.get(token) ?? this.#byRefresh.get(token);
    if (row) row.revoked = true;
  }

  /** Revokes every issued pair. */
  revokeAll(): void {
    for (const row of this.#byAccess.values()) row.revoked = true;
  }

  /** Forgets every token. */
  clear(): void {
    this.#byAccess.clear();
    this.#byRefresh.clear();
  }

  #secondsLeftExact(row: TokenRow): number {
    return (row.createdAtMs + row.expiresInSeconds * 1000 - this.clock()) / 1000;
  }

  /** `expires_in` as Doorkeeper renders it: whole seconds left, never negative. */
  #secondsLeft(row: TokenRow): number {
    return Math.max(0, Math.round(this.#secondsLeftExact(row)));
  }
}
