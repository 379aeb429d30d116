/** What the probe saw of one request to the token endpoint. */
export interface ProbedGrant {
  /** The injected clock when the request was sent. */
  readonly sentAt: number;
  /** {@link TokenEndpointProbe.epoch} when the request was sent. */
  readonly epoch: number;
}

function urlOf(input: Parameters<typeof globalThis.fetch>[0]): URL {
  if (typeof input === 'string') return new URL(input);
  if (input instanceof URL) return input;
  return new URL(input.url);
}

/**
 * A pass-through `fetch` (pass {@link fetch} as the `fetch` option of `QontakAuth`): every request goes
 * to the real `globalThis.fetch` and the caller gets the real `Response`. For requests to
 * `/oauth/token` it counts how many are in flight at once (from the call until the body has fully
 * arrived), records when each was sent, and reads the access token of each 200 answer from a clone.
 */
export class TokenEndpointProbe {
  /** Token-endpoint requests in flight now. */
  inFlight = 0;
  /** The most token-endpoint requests ever in flight at once. */
  maxInFlight = 0;
  /** Every token-endpoint request, in the order sent. */
  readonly grants: ProbedGrant[] = [];
  /** Every access token a 200 answer carried -> the epoch its request was sent in. */
  readonly issued = new Map<string, number>();
  /** Every refresh token a 200 answer carried. */
  readonly issuedRefreshTokens = new Set<string>();
  /** Bumped by the test at each server-side revocation (`emulator.revokeAll()`). */
  epoch = 0;

  readonly #clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    if (urlOf(input).pathname !== '/oauth/token') return globalThis.fetch(input, init);
    const grant: ProbedGrant = { sentAt: this.#clock(), epoch: this.epoch };
    this.grants.push(grant);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const response = await globalThis.fetch(input, init);
      const text = await response.clone().text();
      if (response.status === 200) {
        const { accessToken, refreshToken } = readTokens(text);
        if (accessToken !== undefined) this.issued.set(accessToken, grant.epoch);
        if (refreshToken !== undefined) this.issuedRefreshTokens.add(refreshToken);
      }
      return response;
    } finally {
      this.inFlight -= 1;
    }
  };
}

/** The token strings of a token answer's body, when it has them. */
export function readTokens(text: string): { accessToken?: string; refreshToken?: string } {
  let body: { access_token?: unknown; refresh_token?: unknown } | null;
  try {
    body = JSON.parse(text) as { access_token?: unknown; refresh_token?: unknown } | null;
  } catch {
    return {};
  }
  return {
    ...(typeof body?.access_token === 'string' ? { accessToken: body.access_token } : {}),
    ...(typeof body?.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
  };
}
