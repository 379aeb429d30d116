import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { QontakHealthIndicator } from '@qontak/nestjs/terminus';

/** The app's readiness: terminus with the Qontak indicator. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(QontakHealthIndicator) private readonly qontak: QontakHealthIndicator,
  ) {}

  /** `GET /health`: 200 `{ status: 'ok', info: { qontak: { status: 'up' } } }`, or 503 with the reason. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.qontak.isHealthy('qontak')]);
  }
}
