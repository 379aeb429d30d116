import { Controller, Get, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { QontakAuthModule } from '../qontak-auth.module';
import type { QontakAuthModuleOptions } from '../qontak-auth-module-options';
import { QontakAuthService } from '../qontak-auth.service';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  emulator,
  getJson,
  optionsFor,
  PASSWORD,
  startApp,
  USERNAME,
} from './support/nest-fixture';

/** Gets QontakAuthService by constructor injection (decorator metadata, no @Inject). */
@Controller('qontak')
class TokenController {
  constructor(readonly qontak: QontakAuthService) {}

  @Get('token')
  async token() {
    const token = await this.qontak.getToken();
    const accessToken = await this.qontak.getAccessToken();
    return { same: token.accessToken === accessToken, expiresInFuture: token.expiresAt > Date.now() };
  }

  @Get('health')
  async health() {
    const response = await this.qontak.fetch('/api/open/v1/health');
    return { status: response.status, body: await response.json() };
  }
}

describe('QontakAuthModule', () => {
  it('forRoot gives a working QontakAuthService to a controller by constructor injection', async () => {
    const server = await emulator();
    const { app, url } = await startApp({
      imports: [QontakAuthModule.forRoot(optionsFor(server))],
      controllers: [TokenController],
    });

    expect(await getJson(`${url}/qontak/token`)).toMatchObject({
      status: 200,
      body: { same: true, expiresInFuture: true },
    });
    expect(await getJson(`${url}/qontak/health`)).toMatchObject({
      status: 200,
      body: { status: 200, body: { status: 'success' } },
    });
    expect(app.get(TokenController).qontak).toBe(app.get(QontakAuthService));
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
  });

  it('forRootAsync reads the credentials from ConfigService', async () => {
    const server = await emulator();
    const { url } = await startApp({
      imports: [
        QontakAuthModule.forRootAsync({
          imports: [
            ConfigModule.forRoot({
              ignoreEnvFile: true,
              load: [
                () => ({
                  QONTAK_BASE_URL: server.url,
                  QONTAK_USERNAME: USERNAME,
                  QONTAK_PASSWORD: PASSWORD,
                  QONTAK_CLIENT_ID: CLIENT_ID,
                  QONTAK_CLIENT_SECRET: CLIENT_SECRET,
                }),
              ],
            }),
          ],
          inject: [ConfigService],
          useFactory: (config: ConfigService): QontakAuthModuleOptions => ({
            baseUrl: config.get<string>('QONTAK_BASE_URL'),
            username: config.getOrThrow<string>('QONTAK_USERNAME'),
            password: config.getOrThrow<string>('QONTAK_PASSWORD'),
            clientId: config.get<string>('QONTAK_CLIENT_ID'),
            clientSecret: config.get<string>('QONTAK_CLIENT_SECRET'),
          }),
        }),
      ],
      controllers: [TokenController],
    });

    expect(await getJson(`${url}/qontak/token`)).toMatchObject({
      status: 200,
      body: { same: true, expiresInFuture: true },
    });
    expect(await getJson(`${url}/qontak/health`)).toMatchObject({ status: 200, body: { status: 200 } });
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
  });

  it('isGlobal makes QontakAuthService injectable in modules that do not import QontakAuthModule', async () => {
    const server = await emulator();
    @Module({ controllers: [TokenController] })
    class FeatureModule {}
    const { url } = await startApp({
      imports: [QontakAuthModule.forRoot({ ...optionsFor(server), isGlobal: true }), FeatureModule],
    });

    expect(await getJson(`${url}/qontak/health`)).toMatchObject({ status: 200, body: { status: 200 } });
  });

  it('fails at bootstrap with config_error naming every missing field', async () => {
    const compiling = Test.createTestingModule({
      imports: [QontakAuthModule.forRoot({} as QontakAuthModuleOptions)],
    }).compile();

    await expect(compiling).rejects.toMatchObject({
      name: 'QontakAuthError',
      code: 'config_error',
      message: expect.stringMatching(/username.*password/),
    });
  });

  it('fails at bootstrap with config_error when forRootAsync yields options without credentials', async () => {
    const compiling = Test.createTestingModule({
      imports: [
        QontakAuthModule.forRootAsync({
          imports: [
            ConfigModule.forRoot({
              ignoreEnvFile: true,
              load: [() => ({ QONTAK_BASE_URL: 'http://127.0.0.1:1' })],
            }),
          ],
          inject: [ConfigService],
          useFactory: (config: ConfigService) =>
            ({
              baseUrl: config.get<string>('QONTAK_BASE_URL'),
              username: config.get<string>('QONTAK_USERNAME'),
              password: config.get<string>('QONTAK_PASSWORD'),
            }) as QontakAuthModuleOptions,
        }),
      ],
    }).compile();

    await expect(compiling).rejects.toMatchObject({
      code: 'config_error',
      message: expect.stringMatching(/username.*password/),
    });
  });

  it('fails at bootstrap with config_error naming an invalid baseUrl, without echoing the password', async () => {
    const compiling = Test.createTestingModule({
      imports: [
        QontakAuthModule.forRoot({
          baseUrl: 'http://qontak.example.com',
          username: USERNAME,
          password: PASSWORD,
        }),
      ],
    }).compile();

    const error: unknown = await compiling.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'config_error', message: expect.stringContaining('baseUrl') });
    expect(JSON.stringify(error) + String(error)).not.toContain(PASSWORD);
  });
});
