import { Controller, Get, Inject } from '@nestjs/common';
import { RequestAuthorizer } from '@qontak/auth-core';
import type { AxiosInstance } from 'axios';
import { describe, expect, it } from 'vitest';
import { InjectQontakHttp } from '../inject-qontak-http.decorator';
import { QontakAuthModule } from '../qontak-auth.module';
import { emulator, getJson, optionsFor, SCHEMES, startApp } from './support/nest-fixture';

/** Calls Qontak's health (the authorizer's `healthUrl`) through the injected axios instance. */
@Controller('qontak')
class QontakHealthController {
  constructor(
    @InjectQontakHttp() private readonly http: AxiosInstance,
    @Inject(RequestAuthorizer) private readonly qontak: RequestAuthorizer,
  ) {}

  @Get('health')
  async health() {
    const response = await this.http.get<unknown>(this.qontak.healthUrl);
    return { status: response.status, body: response.data };
  }

  @Get('base-url')
  baseUrl() {
    return { baseURL: this.http.defaults.baseURL, baseUrl: this.qontak.baseUrl };
  }
}

describe('@InjectQontakHttp()', () => {
  it.each(SCHEMES)(
    'gives a controller an axios instance that gets 200 from Qontak health under the $name scheme',
    async (scheme) => {
      const server = await emulator();
      const { url } = await startApp({
        imports: [QontakAuthModule.forRoot(scheme.options(server.url))],
        controllers: [QontakHealthController],
      });

      const answers = await Promise.all(Array.from({ length: 20 }, () => getJson(`${url}/qontak/health`)));

      expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
      expect(answers[0]?.body).toMatchObject({ status: 200, body: { status: 'success' } });
      expect((await getJson(`${url}/qontak/base-url`)).body).toEqual({
        baseURL: server.url,
        baseUrl: server.url,
      });
      expect(scheme.healthOk(server)).toBe(20);
      expect(server.stats().grants.total).toBe(scheme.grants);
    },
  );

  it('turns 300 concurrent requests to the app on a cold cache into exactly 1 password grant', async () => {
    const server = await emulator();
    const { url } = await startApp({
      imports: [QontakAuthModule.forRoot(optionsFor(server))],
      controllers: [QontakHealthController],
    });

    const responses = await Promise.all(Array.from({ length: 300 }, () => getJson(`${url}/qontak/health`)));

    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 300 }, () => 200));
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
    expect(server.stats().grants.total).toBe(1);
    expect(server.stats().health).toEqual({ 200: 300 });
  });
});
