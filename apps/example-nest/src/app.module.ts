import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { RequestAuthorizer } from '@qontak/auth-core';
import { QontakAuthModule } from '@qontak/nestjs';
import { QontakHealthIndicator } from '@qontak/nestjs/terminus';
import type { MessageDefaults } from 'qontak-example-shared';
import { HealthController } from './health.controller';
import { MESSAGE_DEFAULTS } from './message-defaults';
import { MessagesController } from './messages.controller';
import { QontakController } from './qontak.controller';
import { qontakAuthFromConfig } from './qontak-env';

/** Options of {@link AppModule.forRoot}. */
export interface AppModuleOptions {
  /** What `POST /qontak/messages` uses when a request names no template or channel. Default none (required). */
  messageDefaults?: MessageDefaults | undefined;
}

/**
 * The example app: the Qontak credential of any scheme from ConfigModule, built by `authFromEnv` of
 * `@qontak/auth-core` and given to `QontakAuthModule` as `{ authorizer }` (see `qontakAuthFromConfig`),
 * the `QontakAuthExceptionFilter` registered for the whole app (502 / 503 instead of a bare 500 when no
 * credentials can be had), `GET /qontak/health`, `POST /qontak/messages` and `GET /health`.
 *
 * The module closes only the authorizers it builds; this one is the app's, so the app closes it on
 * shutdown, through the contract (`RequestAuthorizer.close()`), whatever its scheme.
 */
@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(RequestAuthorizer) private readonly authorizer: RequestAuthorizer) {}

  /** The app's module with `options`. */
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TerminusModule,
        QontakAuthModule.forRootAsync({
          imports: [ConfigModule.forRoot()],
          inject: [ConfigService],
          useFactory: qontakAuthFromConfig,
          exceptionFilter: true,
        }),
      ],
      controllers: [QontakController, MessagesController, HealthController],
      providers: [
        QontakHealthIndicator,
        { provide: MESSAGE_DEFAULTS, useValue: options.messageDefaults ?? null },
      ],
    };
  }

  /** Closes the app's authorizer (timers, requests in flight). Called by Nest. */
  onApplicationShutdown(): Promise<void> {
    return this.authorizer.close();
  }
}
