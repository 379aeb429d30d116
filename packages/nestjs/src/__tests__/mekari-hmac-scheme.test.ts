import 'reflect-metadata';
import { Controller, Get, Inject, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { MekariHmacAuth } from '@qontak/auth-core';
import { DEMO_HMAC_CLIENT_ID, DEMO_HMAC_CLIENT_SECRET } from '@qontak/emulator';
import type { AxiosInstance } from 'axios';
import { describe, expect, it } from 'vitest';
import { InjectQontakHttp, QontakAuthModule, QontakAuthService } from '../index';
import { QontakHealthIndicator } from '../terminus';
import { emulator, getJson, startApp } from './support/nest-fixture';

@Controller()
class GatewayController {
  constructor(
    @InjectQontakHttp() private readonly http: AxiosInstance,
    @Inject(QontakAuthService) private readonly qontak: QontakAuthService,
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(QontakHealthIndicator) private readonly indicator: QontakHealthIndicator,
  ) {}

  @Get('via-http')
  async viaHttp() {
    const answer = await this.http.get('/qontak/chat/v1/health');
    return { status: answer.status, body: answer.data as unknown };
  }

  @Get('via-fetch')
  async viaFetch() {
    const answer = await this.qontak.fetch('/qontak/chat/v1/health');
    return {
      status: answer.status,
      scheme: this.qontak.auth instanceof MekariHmacAuth ? 'mekari-hmac' : 'bearer',
    };
  }

  @Get('token')
  async token() {
    return this.qontak.getAccessToken().then(
      () => ({ error: null }),
      (error: { code: string; message: string }) => ({ error: error.code, message: error.message }),
    );
  }

  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([() => this.indicator.isHealthy('qontak')]);
  }
}

describe("QontakAuthModule with scheme: 'mekari-hmac'", () => {
  it('signs every request of the injected HTTP client, the service and the health indicator', async () => {
    const server = await emulator();
    @Module({
      imports: [
        TerminusModule,
        QontakAuthModule.forRoot({
          scheme: 'mekari-hmac',
          baseUrl: server.url,
          clientId: DEMO_HMAC_CLIENT_ID,
          clientSecret: DEMO_HMAC_CLIENT_SECRET,
        }),
      ],
      controllers: [GatewayController],
      providers: [QontakHealthIndicator],
    })
    class GatewayModule {}
    const { url } = await startApp({ imports: [GatewayModule] });

    const answers = await Promise.all(Array.from({ length: 30 }, () => getJson(`${url}/via-http`)));
    expect(answers.every((a) => a.status === 200 && (a.body as { status: number }).status === 200)).toBe(
      true,
    );
    expect((await getJson(`${url}/via-fetch`)).body).toEqual({ status: 200, scheme: 'mekari-hmac' });
    expect((await getJson(`${url}/health`)).body).toMatchObject({
      status: 'ok',
      info: { qontak: { status: 'up' } },
    });

    const token = (await getJson(`${url}/token`)).body as { error: string; message: string };
    expect(token.error).toBe('config_error');
    expect(token.message).not.toContain(DEMO_HMAC_CLIENT_SECRET);

    expect(server.stats().gatewayHealth[200]).toBe(32);
    expect(server.stats().grants.total).toBe(0);
  });

  it('fails at bootstrap with config_error naming the missing HMAC fields', async () => {
    await expect(
      startApp({ imports: [QontakAuthModule.forRoot({ scheme: 'mekari-hmac' } as never)] }),
    ).rejects.toMatchObject({
      code: 'config_error',
      message: expect.stringMatching(/clientId.*clientSecret/s),
    });
  });
});
