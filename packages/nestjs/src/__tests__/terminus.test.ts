import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { describe, expect, it } from 'vitest';
import { QontakAuthModule } from '../qontak-auth.module';
import type { QontakAuthModuleOptions } from '../qontak-auth-module-options';
import { QontakHealthIndicator } from '../terminus';
import {
  CLIENT_SECRET,
  closeEmulator,
  emulator,
  getJson,
  optionsFor,
  PASSWORD,
  startApp,
} from './support/nest-fixture';

@Controller('health')
class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(QontakHealthIndicator) private readonly qontak: QontakHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.qontak.isHealthy('qontak')]);
  }
}

function healthApp(options: QontakAuthModuleOptions) {
  return startApp({
    imports: [TerminusModule.forRoot({ logger: false }), QontakAuthModule.forRoot(options)],
    controllers: [HealthController],
    providers: [QontakHealthIndicator],
  });
}

describe('QontakHealthIndicator', () => {
  it('reports up with a valid account', async () => {
    const server = await emulator();
    const { url } = await healthApp(optionsFor(server));

    const { status, body } = await getJson(`${url}/health`);

    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', info: { qontak: { status: 'up', httpStatus: 200 } } });
    expect(server.stats().health).toEqual({ 200: 1 });
  });

  it('reports down with a reason and no secret when the password is wrong', async () => {
    const server = await emulator();
    const wrongPassword = 'Wr0ng-Password-b71f04';
    const { url } = await healthApp(optionsFor(server, { password: wrongPassword }));

    const { status, body, text } = await getJson(`${url}/health`);

    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'error',
      error: { qontak: { status: 'down', code: 'invalid_grant', reason: expect.any(String) } },
    });
    for (const secret of [wrongPassword, PASSWORD, CLIENT_SECRET]) expect(text).not.toContain(secret);
    expect(server.stats().grants.password).toEqual({ ok: 0, failed: 1 });
  });

  it('reports down with a reason when Qontak cannot be reached', async () => {
    const server = await emulator();
    const options = optionsFor(server, { retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
    await closeEmulator(server);
    const { url } = await healthApp(options);

    const { status, body, text } = await getJson(`${url}/health`);

    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'error',
      error: { qontak: { status: 'down', code: 'network_error', reason: expect.any(String) } },
    });
    for (const secret of [PASSWORD, CLIENT_SECRET]) expect(text).not.toContain(secret);
  });
});
