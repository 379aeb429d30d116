import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { RequestAuthorizer } from '@qontak/auth-core';
import type { AxiosInstance } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
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

  /** GETs `via` (another origin) with Qontak's health URL as its `to`, whatever the answer. */
  @Get('redirected')
  async redirected(@Query('via') via: string) {
    const target = `${via}?to=${encodeURIComponent(this.qontak.healthUrl)}`;
    const response = await this.http.get<unknown>(target, { validateStatus: () => true });
    return { status: response.status };
  }

  @Get('base-url')
  baseUrl() {
    return { baseURL: this.http.defaults.baseURL, baseUrl: this.qontak.baseUrl };
  }
}

const foreignServers: Array<{ close(): void }> = [];
afterEach(() => {
  for (const server of foreignServers.splice(0)) server.close();
});

/** Another origin (`localhost`, not the emulator's 127.0.0.1) that redirects to `?to=` and records what it got. */
async function startForeignRedirector(status: number) {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
    res.writeHead(status, { location: to }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  foreignServers.push(server);
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, received };
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

  it.each(SCHEMES)(
    'sends no credentials on a 307 from another origin INTO Qontak under the $name scheme',
    async (scheme) => {
      const server = await emulator();
      const foreign = await startForeignRedirector(307);
      const { url } = await startApp({
        imports: [QontakAuthModule.forRoot(scheme.options(server.url))],
        controllers: [QontakHealthController],
      });

      const answer = await getJson(`${url}/qontak/redirected?via=${encodeURIComponent(foreign.url)}`);

      // Qontak answered the hop 401: it arrived without a bearer token or a signature.
      expect(answer.body).toEqual({ status: 401 });
      expect(foreign.received.map((headers) => headers.authorization)).toEqual([undefined]);
      expect(scheme.healthOk(server)).toBe(0);
      expect(server.stats().grants.total).toBe(0);
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
