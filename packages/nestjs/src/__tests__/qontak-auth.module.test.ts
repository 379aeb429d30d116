import {
  Controller,
  Get,
  Inject,
  Module,
  type OnApplicationShutdown,
  type DynamicModule,
} from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import {
  MekariHmacAuth,
  QontakAccessTokenAuth,
  QontakAuth,
  RequestAuthorizer,
  type QontakCredentialOptions,
} from '@qontak/auth-core';
import { DEMO_ACCESS_TOKEN } from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { QontakAuthModule } from '../qontak-auth.module';
import type { QontakAuthModuleOptions } from '../qontak-auth.module-options';
import {
  closeApp,
  emulator,
  getJson,
  optionsFor,
  PASSWORD,
  SCHEMES,
  SECRETS,
  startApp,
  USERNAME,
} from './support/nest-fixture';

/** Gets the configured authorizer by constructor injection (decorator metadata, no @Inject). */
@Controller('qontak')
class HealthController {
  constructor(readonly qontak: RequestAuthorizer) {}

  @Get('health')
  async health() {
    const response = await this.qontak.fetch(this.qontak.healthUrl);
    return { status: response.status, body: await response.json() };
  }
}

/**
 * Credential options from configuration variables, the same mapping for every scheme: the module's
 * `authFromOptions` tells them apart by which are set.
 */
function optionsFromConfig(config: ConfigService): QontakCredentialOptions {
  const get = (name: string) => config.get<string>(name) || undefined;
  return {
    baseUrl: get('QONTAK_BASE_URL') ?? get('MEKARI_BASE_URL'),
    accessToken: get('QONTAK_ACCESS_TOKEN'),
    username: get('QONTAK_USERNAME'),
    password: get('QONTAK_PASSWORD'),
    clientId: get('QONTAK_CLIENT_ID') ?? get('MEKARI_CLIENT_ID'),
    clientSecret: get('QONTAK_CLIENT_SECRET') ?? get('MEKARI_CLIENT_SECRET'),
  } as QontakCredentialOptions;
}

const CONCRETE_CLASS: Record<string, unknown> = {
  'password grant (username/password)': QontakAuth,
  'dashboard access token (accessToken)': QontakAccessTokenAuth,
  'Mekari gateway HMAC (clientId/clientSecret)': MekariHmacAuth,
};

describe.each(SCHEMES)('QontakAuthModule under the $name scheme', (scheme) => {
  it('forRoot gives a controller the RequestAuthorizer by constructor injection; fetch(healthUrl) gets 200', async () => {
    const server = await emulator();
    const { app, url } = await startApp({
      imports: [QontakAuthModule.forRoot(scheme.options(server.url))],
      controllers: [HealthController],
    });

    const answers = await Promise.all(Array.from({ length: 5 }, () => getJson(`${url}/qontak/health`)));

    expect(answers.map((answer) => answer.body)).toEqual(
      Array.from({ length: 5 }, () => ({
        status: 200,
        body: expect.objectContaining({ status: 'success' }),
      })),
    );
    expect(app.get(HealthController).qontak).toBe(app.get(RequestAuthorizer));
    expect(app.get(RequestAuthorizer)).toBeInstanceOf(CONCRETE_CLASS[scheme.name] as typeof QontakAuth);
    expect(scheme.healthOk(server)).toBe(5);
    expect(server.stats().grants.total).toBe(scheme.grants);
  });

  it('forRootAsync builds the options from ConfigService', async () => {
    const server = await emulator();
    const { url } = await startApp({
      imports: [
        QontakAuthModule.forRootAsync({
          imports: [
            ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => scheme.variables(server.url)] }),
          ],
          inject: [ConfigService],
          useFactory: optionsFromConfig,
        }),
      ],
      controllers: [HealthController],
    });

    expect(await getJson(`${url}/qontak/health`)).toMatchObject({ status: 200, body: { status: 200 } });
    expect(scheme.healthOk(server)).toBe(1);
    expect(server.stats().grants.total).toBe(scheme.grants);
  });
});

/** The app's own `QontakAuth` provider (for getAccessToken() and revoke()), closed by the app. */
function ownQontakAuthModule(baseUrl: string): DynamicModule {
  @Module({})
  class QontakCredentialsModule implements OnApplicationShutdown {
    constructor(@Inject(QontakAuth) private readonly auth: QontakAuth) {}
    onApplicationShutdown() {
      return this.auth.close();
    }
  }
  return {
    module: QontakCredentialsModule,
    providers: [{ provide: QontakAuth, useFactory: () => new QontakAuth(optionsFor({ url: baseUrl })) }],
    exports: [QontakAuth],
  };
}

@Controller('own')
class OwnAuthController {
  constructor(
    @Inject(RequestAuthorizer) readonly authorizer: RequestAuthorizer,
    @Inject(QontakAuth) readonly auth: QontakAuth,
  ) {}

  @Get('token')
  async token() {
    const token = await this.auth.getToken();
    const response = await this.authorizer.fetch(this.authorizer.healthUrl);
    await response.arrayBuffer();
    return { expiresInFuture: token.expiresAt > Date.now(), health: response.status };
  }
}

describe('QontakAuthModule', () => {
  it('{ authorizer } through forRootAsync: the app injects its own QontakAuth for getToken() and the module provides it as RequestAuthorizer', async () => {
    const server = await emulator();
    const credentials = ownQontakAuthModule(server.url);
    const { app, url } = await startApp({
      imports: [
        credentials,
        QontakAuthModule.forRootAsync({
          imports: [credentials],
          inject: [QontakAuth],
          useFactory: (auth: QontakAuth) => ({ authorizer: auth }),
        }),
      ],
      controllers: [OwnAuthController],
    });

    expect(await getJson(`${url}/own/token`)).toMatchObject({
      status: 200,
      body: { expiresInFuture: true, health: 200 },
    });
    expect(app.get(RequestAuthorizer)).toBe(app.get(QontakAuth));
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
  });

  it('{ authorizer }: app.close() leaves the given authorizer open (whoever made it closes it)', async () => {
    const server = await emulator();
    const auth = new QontakAuth(optionsFor(server));
    const { app } = await startApp({ imports: [QontakAuthModule.forRoot({ authorizer: auth })] });
    expect(app.get(RequestAuthorizer)).toBe(auth);
    const before = await auth.getAccessToken();

    await closeApp(app);

    expect(await auth.getAccessToken()).toBe(before);
    const response = await auth.fetch(auth.healthUrl);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    await auth.close();
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'config_error' });
  });

  it('isGlobal makes RequestAuthorizer injectable in modules that do not import QontakAuthModule', async () => {
    const server = await emulator();
    @Module({ controllers: [HealthController] })
    class FeatureModule {}
    const { url } = await startApp({
      imports: [QontakAuthModule.forRoot({ ...optionsFor(server), isGlobal: true }), FeatureModule],
    });

    expect(await getJson(`${url}/qontak/health`)).toMatchObject({ status: 200, body: { status: 200 } });
  });

  it('without isGlobal, a module that does not import QontakAuthModule cannot inject RequestAuthorizer', async () => {
    const server = await emulator();
    @Module({ controllers: [HealthController] })
    class FeatureModule {}

    await expect(
      Test.createTestingModule({
        imports: [QontakAuthModule.forRoot(optionsFor(server)), FeatureModule],
      }).compile(),
    ).rejects.toThrow(/RequestAuthorizer/);
  });

  it.each<[string, unknown, RegExp]>([
    ['no credentials', {}, /no credentials are set/],
    [
      'two schemes',
      { accessToken: DEMO_ACCESS_TOKEN, username: USERNAME, password: PASSWORD },
      /more than one scheme/,
    ],
    ['half a credential', { username: USERNAME }, /password is missing/],
    [
      'an authorizer that is not one',
      { authorizer: { fetch: () => undefined } },
      /must be a RequestAuthorizer/,
    ],
    [
      'an authorizer with credentials',
      { authorizer: new QontakAccessTokenAuth({ accessToken: DEMO_ACCESS_TOKEN }), password: PASSWORD },
      /with authorizer, the module takes no other options, but password is set/,
    ],
  ])('fails at bootstrap with config_error for %s, echoing no secret', async (_case, options, message) => {
    const error: unknown = await Test.createTestingModule({
      imports: [QontakAuthModule.forRoot(options as QontakAuthModuleOptions)],
    })
      .compile()
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'QontakAuthError', code: 'config_error', message });
    for (const secret of SECRETS) expect(JSON.stringify(error) + String(error)).not.toContain(secret);
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
          useFactory: optionsFromConfig,
        }),
      ],
    }).compile();

    await expect(compiling).rejects.toMatchObject({
      code: 'config_error',
      message: expect.stringMatching(/accessToken.*username and password.*clientId and clientSecret/s),
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
