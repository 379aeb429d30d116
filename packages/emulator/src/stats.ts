/** Attempts of one grant type, by outcome. */
export interface GrantCount {
  ok: number;
  failed: number;
}

/** What the emulator served; read it with `emulator.stats()` (a snapshot copy). */
export interface EmulatorStats {
  /** Attempts on `/oauth/token` by grant type and outcome; other grant types count only in `tokenErrors`. */
  grants: { password: GrantCount; refresh_token: GrantCount; total: number };
  /** Token-endpoint error responses by `error` code (`invalid_grant`, `invalid_client`, ...). */
  tokenErrors: Record<string, number>;
  /** Health responses the endpoint computed, by status code, e.g. `{ 200: 5, 401: 1 }` (faults excluded). */
  health: Record<number, number>;
  /** Mekari-gateway health (`GET /qontak/chat/v1/health`, HMAC) responses the endpoint computed, by status (faults excluded). */
  gatewayHealth: Record<number, number>;
  /** `POST /oauth/revoke` answered 200. */
  revocations: number;
  /** Every HTTP request received. */
  requests: number;
  /** Requests answered (or dropped, or hung) by an injected fault. */
  faultsServed: number;
}

export type CountedGrantType = 'password' | 'refresh_token';

function emptyStats(): EmulatorStats {
  return {
    grants: { password: { ok: 0, failed: 0 }, refresh_token: { ok: 0, failed: 0 }, total: 0 },
    tokenErrors: {},
    health: {},
    gatewayHealth: {},
    revocations: 0,
    requests: 0,
    faultsServed: 0,
  };
}

/** Counts what the emulator served. */
export class StatsRecorder {
  #stats = emptyStats();

  grant(type: CountedGrantType, ok: boolean): void {
    this.#stats.grants[type][ok ? 'ok' : 'failed'] += 1;
    this.#stats.grants.total += 1;
  }

  tokenError(code: string): void {
    this.#stats.tokenErrors[code] = (this.#stats.tokenErrors[code] ?? 0) + 1;
  }

  health(status: number): void {
    this.#stats.health[status] = (this.#stats.health[status] ?? 0) + 1;
  }

  gatewayHealth(status: number): void {
    this.#stats.gatewayHealth[status] = (this.#stats.gatewayHealth[status] ?? 0) + 1;
  }

  revocation(): void {
    this.#stats.revocations += 1;
  }

  request(): void {
    this.#stats.requests += 1;
  }

  faultServed(): void {
    this.#stats.faultsServed += 1;
  }

  /** A deep copy, safe to keep and compare. */
  snapshot(): EmulatorStats {
    const { grants, tokenErrors, health, gatewayHealth, revocations, requests, faultsServed } = this.#stats;
    return {
      grants: {
        password: { ...grants.password },
        refresh_token: { ...grants.refresh_token },
        total: grants.total,
      },
      tokenErrors: { ...tokenErrors },
      health: { ...health },
      gatewayHealth: { ...gatewayHealth },
      revocations,
      requests,
      faultsServed,
    };
  }

  reset(): void {
    this.#stats = emptyStats();
  }
}
