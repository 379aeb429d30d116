import { randomBytes } from 'node:crypto';
import type { InvalidTokenReason } from '../oauth/doorkeeper-errors';
import type { RefreshRotation } from '../server/options';

/** How many issued token pairs are remembered: past that, the oldest pair is forgotten (its tokens become unknown). */
export const MAX_ISSUED_TOKEN_PAIRS = 10_000;

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
interface TokenResponseBody extends Record<string, unknown> {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  created_at: number;
}

/** How the API judged a bearer token: an issued one (with its seconds left) or a static dashboard token. */
type AuthenticationResult =
  | { ok: true; kind: 'bearer'; username: string; expiresIn: number }
  | { ok: true; kind: 'access-token'; expiresIn: null }
  | { ok: false; reason: InvalidTokenReason };

/** What a token is, for `/oauth/revoke`: issued to a client, or a static dashboard token. */
type TokenOwner = { kind: 'issued'; clientId: string } | { kind: 'static' };

/** Doorkeeper's token format: `SecureRandom.urlsafe_base64(32)`, 43 characters. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Issues, rotates, revokes and judges tokens, with expiry measured on the injected clock; also judges the
 * static (dashboard) access tokens it was seeded with, which never expire and stay revoked until {@link clear}.
 * It remembers the newest `maxPairs` issued pairs (default {@link MAX_ISSUED_TOKEN_PAIRS}); an older pair is
 * forgotten, and its tokens are then answered as unknown (`invalid`).
 */
export class TokenRegistry {
  readonly #byAccess = new Map<string, TokenRow>();
  readonly #byRefresh = new Map<string, TokenRow>();
  readonly #revokedStatic = new Set<string>();
  readonly #static: ReadonlySet<string>;

  constructor(
    private readonly ttlSeconds: number,
    private readonly rotation: RefreshRotation,
    private readonly clock: () => number,
    staticTokens: readonly string[] = [],
    private readonly maxPairs: number = MAX_ISSUED_TOKEN_PAIRS,
  ) {
    this.#static = new Set(staticTokens);
  }

  /**
   * Issues a new pair to `clientId` for `username` (the password grant, and the refresh grant through
   * {@link refresh}); `previousRefreshToken` is the pair it replaces, revoked when the new access token is first used.
   */
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
    for (const [accessToken, oldest] of this.#byAccess) {
      if (this.#byAccess.size <= this.maxPairs) break;
      this.#byAccess.delete(accessToken);
      this.#byRefresh.delete(oldest.refreshToken);
    }
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

  /** Judges a bearer token on the API; a first successful use of an issued token revokes the pair it replaced. */
  authenticate(accessToken: string): AuthenticationResult {
    const row = this.#byAccess.get(accessToken);
    if (!row) {
      if (!this.#static.has(accessToken)) return { ok: false, reason: 'invalid' };
      if (this.#revokedStatic.has(accessToken)) return { ok: false, reason: 'revoked' };
      return { ok: true, kind: 'access-token', expiresIn: null };
    }
    if (row.revoked) return { ok: false, reason: 'revoked' };
    if (this.#secondsLeftExact(row) <= 0) return { ok: false, reason: 'expired' };
    if (row.previousRefreshToken !== undefined) {
      const previous = this.#byRefresh.get(row.previousRefreshToken);
      if (previous) previous.revoked = true;
      row.previousRefreshToken = undefined;
    }
    return { ok: true, kind: 'bearer', username: row.username, expiresIn: this.#secondsLeft(row) };
  }

  /** Whom a token belongs to: the client an access or refresh token was issued to, a static token, or `undefined`. */
  ownerOf(token: string): TokenOwner | undefined {
    const row = this.#byAccess.get(token) ?? this.#byRefresh.get(token);
    if (row) return { kind: 'issued', clientId: row.clientId };
    return this.#static.has(token) ? { kind: 'static' } : undefined;
  }

  /**
   * Revokes the pair an access or refresh token belongs to, or a static token; unknown tokens are ignored.
   * @returns how many pairs or static tokens this revoked (0 or 1; 0 when already revoked).
   */
  revoke(token: string): number {
    const row = this.#byAccess.get(token) ?? this.#byRefresh.get(token);
    if (row) return this.#revokeRow(row);
    if (!this.#static.has(token) || this.#revokedStatic.has(token)) return 0;
    this.#revokedStatic.add(token);
    return 1;
  }

  /** Revokes every pair issued to `username`. @returns how many were live until now. */
  revokeUser(username: string): number {
    let revoked = 0;
    for (const row of this.#byAccess.values()) if (row.username === username) revoked += this.#revokeRow(row);
    return revoked;
  }

  /** Revokes every issued pair and every static token. @returns how many were live until now. */
  revokeAll(): number {
    let revoked = 0;
    for (const row of this.#byAccess.values()) revoked += this.#revokeRow(row);
    for (const token of this.#static) revoked += this.revoke(token);
    return revoked;
  }

  #revokeRow(row: TokenRow): number {
    if (row.revoked) return 0;
    row.revoked = true;
    return 1;
  }

  /** Forgets every issued token and restores the static tokens (none revoked). */
  clear(): void {
    this.#byAccess.clear();
    this.#byRefresh.clear();
    this.#revokedStatic.clear();
  }

  #secondsLeftExact(row: TokenRow): number {
    return (row.createdAtMs + row.expiresInSeconds * 1000 - this.clock()) / 1000;
  }

  /** `expires_in` as Doorkeeper renders it: whole seconds left, never negative. */
  #secondsLeft(row: TokenRow): number {
    return Math.max(0, Math.round(this.#secondsLeftExact(row)));
  }
}
