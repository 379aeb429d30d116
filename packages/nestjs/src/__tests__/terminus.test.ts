import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { DEMO_HMAC_CLIENT_ID } from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { QontakAuthModule } from '../qontak-auth.module';
import type { QontakAuthModuleOptions } from '../qontak-auth.module-options';
import { QontakHealthIndicator } from '../terminus';
import {
  closeEmulator,
  emulator,
  getJson,
  optionsFor,
  SCHEMES,
  SECRETS,
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

  @Get('quick')
  @HealthCheck()
  quick() {
    return this.health.check([() => this.qontak.isHealthy('qontak', { timeoutMs: 200 })]);
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
  it.each(SCHEMES)('reports up under the $name scheme (its healthUrl)', async (scheme) => {
    const server = await emulator();
    const { url } = await healthApp(scheme.options(server.url));

    const { status, body } = await getJson(`${url}/health`);

    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', info: { qontak: { status: 'up', httpStatus: 200 } } });
    expect(scheme.healthOk(server)).toBe(1);
    expect(server.stats().grants.total).toBe(scheme.grants);
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
    for (const secret of [wrongPassword, ...SECRETS]) expect(text).not.toContain(secret);
    expect(server.stats().grants.password).toEqual({ ok: 0, failed: 1 });
  });

  it.each([
    ['a revoked dashboard access token', { accessToken: 'revoked-or-replaced-token-0042' }],
    [
      'a wrong HMAC client secret',
      { clientId: DEMO_HMAC_CLIENT_ID, clientSecret: 'Wr0ng-HmacSecret-93ab11' },
    ],
  ])('reports down with httpStatus 401 and no secret for %s', async (_case, credentials) => {
    const server = await emulator();
    const { url } = await healthApp({ baseUrl: server.url, ...credentials } as QontakAuthModuleOptions);

    const { status, body, text } = await getJson(`${url}/health`);

    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'error',
      error: { qontak: { status: 'down', httpStatus: 401, reason: 'Qontak health answered HTTP 401.' } },
    });
    for (const secret of [...Object.values(credentials).slice(-1), ...SECRETS]) {
      expect(text).not.toContain(secret);
    }
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
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('reports down within timeoutMs when Qontak health hangs', async () => {
    const server = await emulator();
    const { url } = await healthApp(SCHEMES[1]!.options(server.url));
    server.faults.inject('health', { type: 'hang' });

    const started = Date.now();
    const { status, body } = await getJson(`${url}/health/quick`);

    expect(status).toBe(503);
    expect(body).toMatchObject({
      error: { qontak: { status: 'down', reason: 'Qontak did not answer within 200 ms.' } },
    });
    expect(Date.now() - started).toBeLessThan(10_000); // hang detection, not a speed claim
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 31, Number.POSITIVE_INFINITY])(
    'rejects timeoutMs %s with config_error before calling Qontak',
    async (timeoutMs) => {
      const server = await emulator();
      const { app } = await healthApp(SCHEMES[1]!.options(server.url));
      const indicator = app.get(QontakHealthIndicator);

      await expect(indicator.isHealthy('qontak', { timeoutMs })).rejects.toMatchObject({
        name: 'QontakAuthError',
        code: 'config_error',
        message: expect.stringContaining('timeoutMs'),
      });
      expect(server.stats().requests).toBe(0);
    },
  );

  it.each([1, 2 ** 31 - 1])('accepts timeoutMs %s', async (timeoutMs) => {
    const server = await emulator();
    const { app } = await healthApp(SCHEMES[1]!.options(server.url));

    const result = await app.get(QontakHealthIndicator).isHealthy('qontak', { timeoutMs });

    expect(result).toHaveProperty('qontak.status');
  });
});
