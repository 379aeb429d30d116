import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { RequestAuthorizer } from '@qontak/auth-core';
import { QontakClient, createQontakClient } from '@qontak/client';
import type { AxiosInstance } from 'axios';
import { createModuleAuthorizer, givesAuthorizer } from './create-module-authorizer';
import { closeQontakHttp, createQontakHttp } from './create-qontak-http';
import { QONTAK_AUTHORIZER, QONTAK_HTTP } from './qontak-auth.constants';
import {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  type QontakAuthModuleAsyncOptions,
  type QontakAuthModuleForRootOptions,
} from './qontak-auth.module-definition';
import type { QontakAuthModuleOptions } from './qontak-auth.module-options';

/**
 * Qontak Chat API authentication for a Nest application, under any of the three schemes.
 *
 * `QontakAuthModule.forRoot(options)` or `QontakAuthModule.forRootAsync({ imports, inject, useFactory })`,
 * where options are the credentials of any scheme (`accessToken`; `username` + `password`; or
 * `clientId` + `clientSecret` for the Mekari gateway), built with `authFromOptions` of
 * `@qontak/auth-core`, or `{ authorizer }`, a ready one the application made. Extras: `isGlobal`
 * (default `false`), `exceptionFilter` (default `false`; see `QontakAuthExceptionFilter`).
 *
 * Provides and exports:
 * - the authorizer, injectable by the class `RequestAuthorizer` of `@qontak/auth-core`
 *   (`constructor(private readonly qontak: RequestAuthorizer)`): `fetch`, `healthUrl`, `apiBaseUrl`, ...;
 * - the typed Open API client of `@qontak/client` on that authorizer, injectable by the class
 *   `QontakClient` (`constructor(private readonly qontak: QontakClient)`):
 *   `qontak.POST('/v1/broadcasts/whatsapp/direct', { body })`, `qontak.GET('/v1/templates/whatsapp')`, ...;
 * - an axios instance with the authorizer's interceptors, injectable with `@InjectQontakHttp()`.
 *
 * On application shutdown (`app.close()`) it closes the authorizer it built (timers stopped, requests
 * in flight aborted; later calls reject with `config_error`), never one given as `{ authorizer }`,
 * and destroys the axios instance's sockets.
 *
 * @throws {QontakAuthError} `config_error` at bootstrap when the options are missing, name no scheme,
 *   half of one or more than one, or are invalid (naming fields, never their values).
 */
@Module({
  providers: [
    {
      provide: QONTAK_AUTHORIZER,
      useFactory: (options: QontakAuthModuleOptions) => createModuleAuthorizer(options),
      inject: [MODULE_OPTIONS_TOKEN],
    },
    { provide: RequestAuthorizer, useExisting: QONTAK_AUTHORIZER },
    {
      provide: QontakClient,
      useFactory: (authorizer: RequestAuthorizer) => createQontakClient(authorizer),
      inject: [RequestAuthorizer],
    },
    {
      provide: QONTAK_HTTP,
      useFactory: (authorizer: RequestAuthorizer) => createQontakHttp(authorizer),
      inject: [QONTAK_AUTHORIZER],
    },
  ],
  exports: [RequestAuthorizer, QontakClient, QONTAK_HTTP],
})
export class QontakAuthModule extends ConfigurableModuleClass implements OnApplicationShutdown {
  readonly #authorizer: RequestAuthorizer;
  readonly #http: AxiosInstance;
  readonly #ownsAuthorizer: boolean;

  constructor(
    @Inject(QONTAK_AUTHORIZER) authorizer: RequestAuthorizer,
    @Inject(QONTAK_HTTP) http: AxiosInstance,
    @Inject(MODULE_OPTIONS_TOKEN) options: QontakAuthModuleOptions,
  ) {
    super();
    this.#authorizer = authorizer;
    this.#http = http;
    this.#ownsAuthorizer = !givesAuthorizer(options);
  }

  /**
   * The module with `options`: any scheme's credential options (a `QontakAuth`, `QontakAccessTokenAuth`
   * or `MekariHmacAuth` is built from them) or `{ authorizer }`, plus `isGlobal` (default `false`) and
   * `exceptionFilter` (default `false`).
   * @throws {QontakAuthError} `config_error` at bootstrap when the options are invalid.
   */
  static override forRoot(options: QontakAuthModuleForRootOptions): DynamicModule {
    return super.forRoot(options);
  }

  /**
   * The module with options a factory makes from other providers (`imports`, `inject`, `useFactory`,
   * or `useClass` / `useExisting`), plus `isGlobal` and `exceptionFilter`.
   * @throws {QontakAuthError} `config_error` at bootstrap when the options are invalid.
   */
  static override forRootAsync(options: QontakAuthModuleAsyncOptions): DynamicModule {
    return super.forRootAsync(options);
  }

  /** Destroys the axios instance's sockets and closes the authorizer the module built. Called by Nest; never throws. */
  async onApplicationShutdown(): Promise<void> {
    closeQontakHttp(this.#http);
    if (this.#ownsAuthorizer) await this.#authorizer.close();
  }
}
