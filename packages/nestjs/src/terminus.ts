import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { RequestAuthorizer, isQontakAuthError } from '@qontak/auth-core';
import { durationOption } from '@qontak/auth-core/adapter';

/** Options of {@link QontakHealthIndicator.isHealthy}. */
export interface QontakHealthCheckOptions {
  /**
   * Longest wait for Qontak's answer (credentials included, e.g. a token grant), in ms: a whole number
   * from 1 to 2^31 - 1 (what a Node timer can wait). Default 5_000.
   */
  timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * A `@nestjs/terminus` health indicator for the Qontak Chat API: calls the configured authorizer's
 * `healthUrl` through its `fetch` (whatever the scheme: `/api/open/v1/health` with a bearer,
 * `/qontak/chat/v1/health` through the Mekari gateway) and reports `up` on a 2xx, `down` with a
 * `reason` otherwise (credentials refused, Qontak unreachable, an error status, a timeout). The reason
 * never holds a secret.
 *
 * Shipped as `@qontak/nestjs/terminus` so that apps without terminus never load it. Add it to the
 * `providers` of a module that imports `TerminusModule` and sees `QontakAuthModule` (it injects
 * `HealthIndicatorService` and `RequestAuthorizer`).
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
  readonly #authorizer: RequestAuthorizer;

  constructor(
    @Inject(HealthIndicatorService) health: HealthIndicatorService,
    @Inject(RequestAuthorizer) authorizer: RequestAuthorizer,
  ) {
    this.#health = health;
    this.#authorizer = authorizer;
  }

  /**
   * Checks Qontak's health under `key` (default `'qontak'`): `up` with `httpStatus`, or `down` with
   * `reason` (and `code` for a `QontakAuthError`, `httpStatus` for an error status).
   * @throws {QontakAuthError} `config_error` when `options.timeoutMs` is invalid; nothing else (failures
   *   are reported as `down`).
   */
  async isHealthy<const Key extends string = 'qontak'>(
    key: Key = 'qontak' as Key,
    options: QontakHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const timeoutMs = durationOption(
      'QontakHealthIndicator',
      'timeoutMs',
      options.timeoutMs,
      DEFAULT_TIMEOUT_MS,
      {
        min: 1,
        whole: true,
      },
    );
    const indicator = this.#health.check(key);
    try {
      const response = await this.#authorizer.fetch(this.#authorizer.healthUrl, {
        signal: AbortSignal.timeout(timeoutMs),
      });
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
