import type { ApiOperationRoute, EmulatorRoute } from '../faults/fault-injector';

/** Attempts of one grant type, by outcome. */
export interface GrantCount {
  ok: number;
  failed: number;
}

/** Authenticated submissions to one operation, by outcome. */
export interface SubmissionCount {
  /** Answered 2xx (and recorded: `emulator.sent()`, `emulator.botMessages()`). */
  accepted: number;
  /** Refused after authentication: 400, 413, 415 or 422. */
  rejected: number;
}

/** What the emulator served; read it with `emulator.stats()` (a snapshot copy). */
export interface EmulatorStats {
  /** Attempts on `/oauth/token` by grant type and outcome; other grant types count only in `tokenErrors`. */
  grants: { password: GrantCount; refresh_token: GrantCount; total: number };
  /** Token-endpoint error responses by `error` code (`invalid_grant`, `invalid_client`, ...). */
  tokenErrors: Record<string, number>;
  /** `GET /api/open/v1/health` answers (bearer) by status code, e.g. `{ 200: 5, 401: 1 }` (faults excluded). */
  health: Record<number, number>;
  /** Mekari-gateway health (`GET /qontak/chat/v1/health`, HMAC) responses the endpoint computed, by status (faults excluded). */
  gatewayHealth: Record<number, number>;
  /** Direct broadcasts (`POST .../v1/broadcasts/whatsapp/direct`) accepted and rejected, both base paths. */
  broadcasts: SubmissionCount;
  /** Bot messages (`POST .../v1/messages/whatsapp/bot`) accepted and rejected, both base paths. */
  botMessages: SubmissionCount;
  /**
   * Answers of the Open API operations besides health, by route and status, both base paths together,
   * 401s included, faults excluded, e.g. `{ 'broadcast-direct': { 201: 2, 422: 1 }, templates: { 200: 1 } }`.
   */
  operations: Partial<Record<ApiOperationRoute, Record<number, number>>>;
  /** `POST /oauth/revoke` answered 200. */
  revocations: number;
  /** Every HTTP request received, except the control API's. */
  requests: number;
  /** Requests that got an injected fault (of any type: a latency or `token-body` fault counts too). */
  faultsServed: number;
}

export type CountedGrantType = 'password' | 'refresh_token';

/** The operations whose submissions are counted as accepted or rejected. */
export type CountedSubmission = 'broadcasts' | 'botMessages';

function emptyStats(): EmulatorStats {
  return {
    grants: { password: { ok: 0, failed: 0 }, refresh_token: { ok: 0, failed: 0 }, total: 0 },
    tokenErrors: {},
    health: {},
    gatewayHealth: {},
    broadcasts: { accepted: 0, rejected: 0 },
    botMessages: { accepted: 0, rejected: 0 },
    operations: {},
    revocations: 0,
    requests: 0,
    faultsServed: 0,
  };
}

function bump<K extends string | number>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Counts what the emulator served. */
export class StatsRecorder {
  #stats = emptyStats();

  grant(type: CountedGrantType, ok: boolean): void {
    this.#stats.grants[type][ok ? 'ok' : 'failed'] += 1;
    this.#stats.grants.total += 1;
  }

  tokenError(code: string): void {
    bump(this.#stats.tokenErrors, code);
  }

  /** An answer of an Open API route: health by base path, the other operations by route. */
  apiAnswer(route: Exclude<EmulatorRoute, 'token' | 'revoke' | 'uploaded-file'>, status: number): void {
    if (route === 'health') bump(this.#stats.health, status);
    else if (route === 'gateway-health') bump(this.#stats.gatewayHealth, status);
    else bump((this.#stats.operations[route] ??= {}), status);
  }

  submission(kind: CountedSubmission, accepted: boolean): void {
    this.#stats[kind][accepted ? 'accepted' : 'rejected'] += 1;
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
    const { grants, tokenErrors, health, gatewayHealth, broadcasts, botMessages, operations } = this.#stats;
    const operationsCopy: EmulatorStats['operations'] = {};
    for (const [route, counts] of Object.entries(operations) as [
      ApiOperationRoute,
      Record<number, number>,
    ][]) {
      operationsCopy[route] = { ...counts };
    }
    return {
      grants: {
        password: { ...grants.password },
        refresh_token: { ...grants.refresh_token },
        total: grants.total,
      },
      tokenErrors: { ...tokenErrors },
      health: { ...health },
      gatewayHealth: { ...gatewayHealth },
      broadcasts: { ...broadcasts },
      botMessages: { ...botMessages },
      operations: operationsCopy,
      revocations: this.#stats.revocations,
      requests: this.#stats.requests,
      faultsServed: this.#stats.faultsServed,
    };
  }

  reset(): void {
    this.#stats = emptyStats();
  }
}
