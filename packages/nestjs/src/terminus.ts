import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import {
  MEKARI_QONTAK_HEALTH_PATH,
  MekariHmacAuth,
  QONTAK_HEALTH_PATH,
  isQontakAuthError,
} from '@qontak/auth-core';
import type { QontakModuleAuth } from './create-module-auth';
import { QONTAK_AUTH } from './qontak-auth.constants';

/** Options of {@link QontakHealthIndicator.isHealthy}. */
export interface QontakHealthCheckOptions {
  /** Longest wait for Qontak's answer (token grant included), in ms. Default 5_000. */
  timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * A `@nestjs/terminus` health indicator for the Qontak Chat API: calls `GET /api/open/v1/health`
 * with the module's `QontakAuth` (`GET /qontak/chat/v1/health` through the Mekari gateway under
 * `scheme: 'mekari-hmac'`) and reports `up` on a 2xx, `down` with a `reason` otherwise (wrong
 * credentials, Qontak unreachable, an error status, a timeout). The reason never holds a secret.
 *
 * Shipped as `@qontak/nestjs/terminus` so that apps without terminus never load it. Add it to the
 * `providers` of a module that imports `TerminusModule` and sees `QontakAuthModule`.
 *
 * @example
 * ```ts
 * @Get('health') @HealthCheck()
 * check() { return this.health.check([() => this.qontak.isHealthy('qontak')]); }
 * ```
 */
@Injectable()
export class QontakHealthIndicator {
  readonly #health: HealthIndicatorService;
  readonly #auth: QontakModuleAuth;

  constructor(
    @Inject(HealthIndicatorService) health: HealthIndicatorService,
    @Inject(QONTAK_AUTH) auth: QontakModuleAuth,
  ) {
    this.#health = health;
    this.#auth = auth;
  }

  /**
   * Checks Qontak's health under `key` (default `'qontak'`). Never throws: failures are reported as
   * `down` with `reason` (and `code` for a `QontakAuthError`, `httpStatus` for an error status).
   */
  async isHealthy<const Key extends string = 'qontak'>(
    key: Key = 'qontak' as Key,
    options: QontakHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.#health.check(key);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      const path = this.#auth instanceof MekariHmacAuth ? MEKARI_QONTAK_HEALTH_PATH : QONTAK_HEALTH_PATH;
      const response = await this.#auth.fetch(path, { signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      if (response.ok) return indicator.up({ httpStatus: response.status });
      return indicator.down({
        reason: `Qontak health answered HTTP ${response.status}.`,
        httpStatus: response.status,
      });
    } catch (error) {
      if (isQontakAuthError(error)) return indicator.down({ reason: error.message, code: error.code });
      if (error instanceof Error && error.name === 'TimeoutError') {
        return indicator.down({ reason: `Qontak did not answer within ${timeoutMs} ms.` });
      }
      return indicator.down({ reason: 'Qontak could not be reached.' });
    }
  }
}
