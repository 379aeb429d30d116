import { Controller, Get } from '@nestjs/common';
import type { AxiosInstance } from 'axios';
import { describe, expect, it } from 'vitest';
import { InjectQontakHttp } from '../inject-qontak-http.decorator';
import { QontakAuthModule } from '../qontak-auth.module';
import { emulator, getJson, optionsFor, startApp } from './support/nest-fixture';

/** Calls Qontak's health through the injected axios instance and answers with its status and body. */
@Controller('qontak')
class QontakHealthController {
  constructor(@InjectQontakHttp() private readonly http: AxiosInstance) {}

  @Get('health')
  async health() {
    const response = await this.http.get<unknown>('/api/open/v1/health');
    return { status: response.status, body: response.data };
  }
}

describe('@InjectQontakHttp()', () => {
  it('gives a controller an axios instance that gets 200 from Qontak health', async () => {
    const server = await emulator();
    const { url } = await startApp({
      imports: [QontakAuthModule.forRoot(optionsFor(server))],
      controllers: [QontakHealthController],
    });

    const { status, body } = await getJson(`${url}/qontak/health`);

    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 200, body: { status: 'success' } });
    expect(server.stats().health).toEqual({ 200: 1 });
  });

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
