import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AxiosInstance } from 'axios';
import { createModuleAuth, type QontakModuleAuth } from './create-module-auth';
import { closeQontakHttp, createQontakHttp } from './create-qontak-http';
import { QONTAK_AUTH, QONTAK_HTTP } from './qontak-auth.constants';
import { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } from './qontak-auth.module-definition';
import type { QontakAuthModuleOptions } from './qontak-auth-module-options';
import { QontakAuthService } from './qontak-auth.service';

/**
 * Qontak Chat API authentication for a Nest application.
 *
 * `QontakAuthModule.forRoot(options)` or `QontakAuthModule.forRootAsync({ imports, inject, useFactory })`
 * (options: `QontakAuthOptions` of `@qontak/auth-core`, or `{ scheme: 'mekari-hmac', clientId, clientSecret }`
 * for the Mekari API gateway's HMAC signatures; `isGlobal` default `false`) provides and exports:
 * - {@link QontakAuthService} (tokens and an authorized `fetch`),
 * - the raw `QontakAuth` (or `MekariHmacAuth`) under {@link QONTAK_AUTH},
 * - an axios instance with the Qontak interceptors under {@link QONTAK_HTTP} (`@InjectQontakHttp()`).
 *
 * On application shutdown (`app.close()`) it closes the `QontakAuth` (timers stopped, requests in
 * flight aborted; later calls reject with `config_error`) and the axios instance's sockets.
 *
 * @throws {QontakAuthError} `config_error` at bootstrap, naming the fields, when options are missing or invalid.
 */
@Module({
  providers: [
    {
      provide: QONTAK_AUTH,
      useFactory: (options: QontakAuthModuleOptions) => createModuleAuth(options),
      inject: [MODULE_OPTIONS_TOKEN],
    },
    {
      provide: QONTAK_HTTP,
      useFactory: (auth: QontakModuleAuth) => createQontakHttp(auth),
      inject: [QONTAK_AUTH],
    },
    QontakAuthService,
  ],
  exports: [QONTAK_AUTH, QONTAK_HTTP, QontakAuthService],
})
export class QontakAuthModule extends ConfigurableModuleClass implements OnApplicationShutdown {
  readonly #auth: QontakModuleAuth;
  readonly #http: AxiosInstance;

  constructor(@Inject(QONTAK_AUTH) auth: QontakModuleAuth, @Inject(QONTAK_HTTP) http: AxiosInstance) {
    super();
    this.#auth = auth;
    this.#http = http;
  }

  /** Closes the `QontakAuth` and the axios instance's sockets. Called by Nest; never throws. */
  async onApplicationShutdown(): Promise<void> {
    closeQontakHttp(this.#http);
    await this.#auth.close();
  }
}
