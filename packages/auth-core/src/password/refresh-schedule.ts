/** When a token should be refreshed in the background, and when it may no longer be handed out. */
interface RefreshSchedule {
  /** From this time (ms) callers still get the token, and one background refresh starts. */
  refreshAt: number;
  /** From this time (ms) the token is treated as expired: callers wait for a new one. */
  staleAt: number;
}

/**
 * The refresh schedule of a token. The margin is at most a tenth of the token's lifetime and the
 * refresh window at most half of it (never less than the margin), so a 3-second token refreshes after
 * 1.5 s and a 345-day token 5 minutes before it expires (with the defaults).
 */
export function refreshSchedule(
  token: { readonly expiresAt: number; readonly issuedAt?: number | undefined },
  refreshWindowMs: number,
  expiryMarginMs: number,
): RefreshSchedule {
  const lifetime = token.issuedAt === undefined ? Infinity : Math.max(0, token.expiresAt - token.issuedAt);
  const margin = Math.min(expiryMarginMs, lifetime / 10);
  const window = Math.max(margin, Math.min(refreshWindowMs, lifetime / 2));
  return { refreshAt: token.expiresAt - window, staleAt: token.expiresAt - margin };
}
