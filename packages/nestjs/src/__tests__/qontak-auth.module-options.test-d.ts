import type { DynamicModule } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import {
  MekariHmacAuth,
  QontakAccessTokenAuth,
  QontakAuth,
  type QontakCredentialOptions,
  type RequestAuthorizer,
} from '@qontak/auth-core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  QontakAuthExceptionFilter,
  QontakAuthModule,
  type QontakAuthExceptionFilterOptions,
  type QontakAuthModuleAsyncOptions,
  type QontakAuthModuleForRootOptions,
  type QontakAuthModuleOptions,
} from '../index';
import type { QontakHealthCheckOptions } from '../terminus';

describe('types of @qontak/nestjs', () => {
  it('forRoot takes the options of each of the three schemes, and returns a DynamicModule', () => {
    expectTypeOf(
      QontakAuthModule.forRoot({ username: 'ops@example.com', password: 'p' }),
    ).toEqualTypeOf<DynamicModule>();
    QontakAuthModule.forRoot({ accessToken: 'dashboard-token', baseUrl: 'https://service-chat.qontak.com' });
    QontakAuthModule.forRoot({ clientId: 'hmac-id', clientSecret: 'hmac-secret' });
    QontakAuthModule.forRoot({
      username: 'u',
      password: 'p',
      clientId: 'oauth-id',
      clientSecret: 'oauth-secret',
    });
    expectTypeOf<QontakCredentialOptions>().toMatchTypeOf<QontakAuthModuleOptions>();
  });

  it('forRoot takes a ready authorizer of any scheme, alone', () => {
    QontakAuthModule.forRoot({ authorizer: new QontakAuth({ username: 'u', password: 'p' }) });
    QontakAuthModule.forRoot({ authorizer: new QontakAccessTokenAuth({ accessToken: 't' }) });
    QontakAuthModule.forRoot({ authorizer: new MekariHmacAuth({ clientId: 'i', clientSecret: 's' }) });
    // @ts-expect-error an authorizer takes no credentials with it
    QontakAuthModule.forRoot({ authorizer: new QontakAccessTokenAuth({ accessToken: 't' }), password: 'p' });
    // @ts-expect-error the authorizer must be a RequestAuthorizer
    QontakAuthModule.forRoot({ authorizer: { fetch: globalThis.fetch } });
  });

  it('refuses options that name no scheme, and the removed scheme option', () => {
    // @ts-expect-error no credentials
    QontakAuthModule.forRoot({});
    // @ts-expect-error no credentials
    QontakAuthModule.forRoot({ baseUrl: 'https://chat-service.qontak.com' });
    // @ts-expect-error there is no scheme option: clientId and clientSecret alone mean the Mekari gateway
    QontakAuthModule.forRoot({ scheme: 'mekari-hmac', clientId: 'i', clientSecret: 's' });
  });

  it('takes the extras isGlobal and exceptionFilter in forRoot and forRootAsync', () => {
    QontakAuthModule.forRoot({ accessToken: 't', isGlobal: true, exceptionFilter: true });
    QontakAuthModule.forRoot({ accessToken: 't', exceptionFilter: { exposeDetails: false } });
    // @ts-expect-error exposeDetails is a boolean
    QontakAuthModule.forRoot({ accessToken: 't', exceptionFilter: { exposeDetails: 'yes' } });
    QontakAuthModule.forRootAsync({
      inject: [QontakAuth],
      useFactory: (auth: QontakAuth) => ({ authorizer: auth }),
      isGlobal: true,
      exceptionFilter: true,
    });
    expectTypeOf<QontakAuthModuleForRootOptions>().toHaveProperty('isGlobal');
    expectTypeOf<QontakAuthModuleAsyncOptions>().toHaveProperty('exceptionFilter');
  });

  it('forRootAsync factories return the options of any scheme or an authorizer', () => {
    expectTypeOf<ReturnType<NonNullable<QontakAuthModuleAsyncOptions['useFactory']>>>().toEqualTypeOf<
      QontakAuthModuleOptions | Promise<QontakAuthModuleOptions>
    >();
    QontakAuthModule.forRootAsync({
      // @ts-expect-error a factory must return credentials or an authorizer
      useFactory: () => ({ baseUrl: 'https://chat-service.qontak.com' }),
    });
  });

  it('the exception filter and the health indicator take their options', () => {
    expectTypeOf<QontakAuthExceptionFilterOptions>().toEqualTypeOf<{ exposeDetails?: boolean | undefined }>();
    expectTypeOf<QontakHealthCheckOptions>().toEqualTypeOf<{ timeoutMs?: number | undefined }>();
    expectTypeOf<RequestAuthorizer>().toHaveProperty('healthUrl');
  });

  it('the exception filter is made with no argument (app.useGlobalFilters), its options, or the adapter host and options', () => {
    const host = {} as HttpAdapterHost;
    expectTypeOf(new QontakAuthExceptionFilter()).toEqualTypeOf<QontakAuthExceptionFilter>();
    expectTypeOf(
      new QontakAuthExceptionFilter({ exposeDetails: false }),
    ).toEqualTypeOf<QontakAuthExceptionFilter>();
    expectTypeOf(new QontakAuthExceptionFilter(host)).toEqualTypeOf<QontakAuthExceptionFilter>();
    expectTypeOf(
      new QontakAuthExceptionFilter(host, { exposeDetails: true }),
    ).toEqualTypeOf<QontakAuthExceptionFilter>();
    expectTypeOf(new QontakAuthExceptionFilter(undefined, {})).toEqualTypeOf<QontakAuthExceptionFilter>();
    // @ts-expect-error exposeDetails is a boolean
    new QontakAuthExceptionFilter({ exposeDetails: 'false' });
    // @ts-expect-error the first argument is the adapter host or the options
    new QontakAuthExceptionFilter('http');
    // @ts-expect-error options come second after an adapter host
    new QontakAuthExceptionFilter({ exposeDetails: true }, { exposeDetails: true });
  });
});
