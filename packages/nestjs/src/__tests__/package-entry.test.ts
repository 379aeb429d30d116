import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runNode } from './support/run-node';

/** Boots a Nest app with the built package against an emulator, gets a token and calls health twice. */
const bootScript = (load: string) => `
  ${load}
  async function main() {
    const server = await startEmulator();
    class AppModule {}
    Module({ imports: [QontakAuthModule.forRoot({ baseUrl: server.url, username: DEMO_USERNAME, password: DEMO_PASSWORD })] })(AppModule);
    const app = await NestFactory.create(AppModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    const qontak = app.get(QontakAuthService);
    await qontak.getAccessToken();
    const viaAxios = await app.get(QONTAK_HTTP).get('/api/open/v1/health');
    const viaFetch = await qontak.fetch('/api/open/v1/health');
    await viaFetch.arrayBuffer();
    await app.close();
    await server.close();
    console.log(viaAxios.status, viaFetch.status, typeof QontakHealthIndicator);
  }
  main().catch((error) => { console.error(error); process.exitCode = 1; });
`;

describe('@qontak/nestjs entry points', () => {
  beforeAll(assertBuilt);

  it('an ESM consumer imports both entry points and runs a Nest app that then exits on its own', async () => {
    const result = await runNode(
      bootScript(`
        import { Module } from '@nestjs/common';
        import { NestFactory } from '@nestjs/core';
        import { startEmulator, DEMO_USERNAME, DEMO_PASSWORD } from '@qontak/emulator';
        import { QontakAuthModule, QontakAuthService, QONTAK_HTTP } from '@qontak/nestjs';
        import { QontakHealthIndicator } from '@qontak/nestjs/terminus';
      `),
      { module: true },
    );

    expect(result).toMatchObject({ code: 0, stdout: '200 200 function\n' });
  });

  it('a CommonJS consumer requires both entry points (Nest 12 itself through require(esm)) and runs a Nest app that then exits on its own', async () => {
    const result = await runNode(
      bootScript(`
        const { Module } = require('@nestjs/common');
        const { NestFactory } = require('@nestjs/core');
        const { startEmulator, DEMO_USERNAME, DEMO_PASSWORD } = require('@qontak/emulator');
        const { QontakAuthModule, QontakAuthService, QONTAK_HTTP } = require('@qontak/nestjs');
        const { QontakHealthIndicator } = require('@qontak/nestjs/terminus');
      `),
      { module: false },
    );

    expect(result).toMatchObject({ code: 0, stdout: '200 200 function\n' });
  });

  it('the CommonJS entry point is the .cjs build and shares its injection tokens with the terminus entry point', async () => {
    const result = await runNode(
      `
        console.log(require.resolve('@qontak/nestjs').endsWith('dist/index.cjs'));
        const main = require('@qontak/nestjs');
        console.log(Object.keys(main).sort().join(','));
      `,
      { module: false },
    );

    expect(result).toMatchObject({
      code: 0,
      stdout: 'true\nInjectQontakHttp,QONTAK_AUTH,QONTAK_HTTP,QontakAuthModule,QontakAuthService\n',
    });
  });
});
