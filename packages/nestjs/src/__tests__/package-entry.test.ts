import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runNode } from './support/run-node';

/**
 * Boots a Nest app with the built package against an emulator under each of the three schemes (the
 * filter registered), calls health through the injected RequestAuthorizer, the injected axios client,
 * the injected QontakClient and the health indicator, then a wrong password through the filter.
 */
const bootScript = (load: string) => `
  ${load}
  class HttpHolder { constructor(http) { this.http = http; } }
  InjectQontakHttp()(HttpHolder, undefined, 0);
  Injectable()(HttpHolder);
  class ProbeController {
    constructor(qontak) { this.qontak = qontak; }
    async probe() { const r = await this.qontak.fetch(this.qontak.healthUrl); return { status: r.status }; }
  }
  Inject(RequestAuthorizer)(ProbeController, undefined, 0);
  Get('probe')(ProbeController.prototype, 'probe', Object.getOwnPropertyDescriptor(ProbeController.prototype, 'probe'));
  Controller()(ProbeController);
  async function run(options, server) {
    class AppModule {}
    Module({
      imports: [TerminusModule, QontakAuthModule.forRoot({ ...options, exceptionFilter: { exposeDetails: false } })],
      providers: [HttpHolder, QontakHealthIndicator],
      controllers: [ProbeController],
    })(AppModule);
    const app = await NestFactory.create(AppModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    const authorizer = app.get(RequestAuthorizer);
    const settle = (promise) => promise.then((status) => status, (error) => error.code);
    const viaFetch = await settle(authorizer.fetch(authorizer.healthUrl).then(async (r) => { await r.arrayBuffer(); return r.status; }));
    const viaAxios = await settle(app.get(HttpHolder).http.get(authorizer.healthUrl).then((r) => r.status));
    const viaClient = await settle(app.get(QontakClient).GET('/v1/health').then((r) => r.response.status));
    const health = await app.get(QontakHealthIndicator).isHealthy('qontak');
    const probe = await fetch(\`\${await app.getUrl()}/probe\`);
    const line = [viaFetch, viaAxios, viaClient, health.qontak.status, probe.status, JSON.stringify(await probe.json())].join(' ');
    await app.close();
    return line;
  }
  async function main() {
    const server = await startEmulator();
    const lines = [];
    lines.push(await run({ baseUrl: server.url, username: DEMO_USERNAME, password: DEMO_PASSWORD }));
    lines.push(await run({ baseUrl: server.url, accessToken: DEMO_ACCESS_TOKEN }));
    lines.push(await run({ baseUrl: server.url, clientId: DEMO_HMAC_CLIENT_ID, clientSecret: DEMO_HMAC_CLIENT_SECRET }));
    lines.push(await run({ baseUrl: server.url, username: DEMO_USERNAME, password: 'wrong-password' }));
    await server.close();
    console.log(lines.join('\\n'));
  }
  main().catch((error) => { console.error(error); process.exitCode = 1; });
`;

const EXPECTED = [
  '200 200 200 up 200 {"status":200}',
  '200 200 200 up 200 {"status":200}',
  '200 200 200 up 200 {"status":200}',
  'invalid_grant invalid_grant invalid_grant down 502 {"error":"bad_gateway","message":"The upstream service refused this request."}',
];

/** The output lines of a {@link bootScript} run. */
const linesOf = (stdout: string) => stdout.trimEnd().split('\n');

describe('@qontak/nestjs entry points', () => {
  beforeAll(assertBuilt);

  it('an ESM consumer imports both entry points and runs a Nest app under each scheme that then exits on its own', async () => {
    const result = await runNode(
      bootScript(`
        import { Controller, Get, Inject, Injectable, Module } from '@nestjs/common';
        import { NestFactory } from '@nestjs/core';
        import { TerminusModule } from '@nestjs/terminus';
        import { RequestAuthorizer } from '@qontak/auth-core';
        import { QontakClient } from '@qontak/client';
        import {
          startEmulator, DEMO_USERNAME, DEMO_PASSWORD, DEMO_ACCESS_TOKEN, DEMO_HMAC_CLIENT_ID, DEMO_HMAC_CLIENT_SECRET,
        } from '@qontak/emulator';
        import { InjectQontakHttp, QontakAuthModule } from '@qontak/nestjs';
        import { QontakHealthIndicator } from '@qontak/nestjs/terminus';
      `),
      { module: true },
    );

    expect(result.code).toBe(0);
    expect(linesOf(result.stdout)).toEqual(EXPECTED);
  });

  it('a CommonJS consumer requires both entry points (Nest 12 itself through require(esm)) and runs a Nest app under each scheme that then exits on its own', async () => {
    const result = await runNode(
      bootScript(`
        const { Controller, Get, Inject, Injectable, Module } = require('@nestjs/common');
        const { NestFactory } = require('@nestjs/core');
        const { TerminusModule } = require('@nestjs/terminus');
        const { RequestAuthorizer } = require('@qontak/auth-core');
        const { QontakClient } = require('@qontak/client');
        const {
          startEmulator, DEMO_USERNAME, DEMO_PASSWORD, DEMO_ACCESS_TOKEN, DEMO_HMAC_CLIENT_ID, DEMO_HMAC_CLIENT_SECRET,
        } = require('@qontak/emulator');
        const { InjectQontakHttp, QontakAuthModule } = require('@qontak/nestjs');
        const { QontakHealthIndicator } = require('@qontak/nestjs/terminus');
      `),
      { module: false },
    );

    expect(result.code).toBe(0);
    expect(linesOf(result.stdout)).toEqual(EXPECTED);
  });

  it('the CommonJS entry point is the .cjs build and exports exactly the public names', async () => {
    const result = await runNode(
      `
        console.log(require.resolve('@qontak/nestjs').endsWith('dist/index.cjs'));
        console.log(Object.keys(require('@qontak/nestjs')).sort().join(','));
        console.log(Object.keys(require('@qontak/nestjs/terminus')).sort().join(','));
      `,
      { module: false },
    );

    expect(result).toMatchObject({
      code: 0,
      stdout: 'true\nInjectQontakHttp,QontakAuthExceptionFilter,QontakAuthModule\nQontakHealthIndicator\n',
    });
  });
});
