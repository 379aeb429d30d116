import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import {
  QontakAuthExceptionFilter,
  type QontakAuthExceptionFilterOptions,
} from './qontak-auth-exception.filter';
import type { QontakAuthModuleOptions } from './qontak-auth.module-options';

/** Options of `forRoot` and `forRootAsync` that shape the module itself (known before any factory runs). */
export interface QontakAuthModuleExtras {
  /** Registers the module globally, so every module sees its providers. Default `false`. */
  isGlobal?: boolean | undefined;
  /**
   * Registers {@link QontakAuthExceptionFilter} for the whole application (`APP_FILTER`): `true` with
   * its defaults, or its options (`{ exposeDetails }`). Default `false`.
   */
  exceptionFilter?: boolean | QontakAuthExceptionFilterOptions | undefined;
}

/** The application-wide `QontakAuthExceptionFilter` that `exceptionFilter` asks for. */
function exceptionFilterProvider(options: QontakAuthExceptionFilterOptions): Provider {
  return {
    provide: APP_FILTER,
    useFactory: (adapterHost: HttpAdapterHost) => new QontakAuthExceptionFilter(adapterHost, options),
    inject: [HttpAdapterHost],
  };
}

/**
 * The configurable-module blueprint of `QontakAuthModule`: `forRoot(options)` and
 * `forRootAsync({ imports, inject, useFactory | useClass | useExisting })`, plus the extras `isGlobal`
 * and `exceptionFilter` (see {@link QontakAuthModuleExtras}).
 */
export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<QontakAuthModuleOptions>({ moduleName: 'QontakAuth' })
    .setClassMethodName('forRoot')
    .setExtras<QontakAuthModuleExtras>({ isGlobal: false, exceptionFilter: false }, (definition, extras) => {
      const filter = extras.exceptionFilter;
      return {
        ...definition,
        global: extras.isGlobal === true,
        providers: [
          ...(definition.providers ?? []),
          ...(filter ? [exceptionFilterProvider(filter === true ? {} : filter)] : []),
        ],
      };
    })
    .build();

/** The argument of `QontakAuthModule.forRoot()`: the module options plus `isGlobal` and `exceptionFilter`. */
export type QontakAuthModuleForRootOptions = typeof OPTIONS_TYPE;

/**
 * The argument of `QontakAuthModule.forRootAsync()`: `imports`, `inject`, `useFactory` / `useClass` /
 * `useExisting`, plus `isGlobal` and `exceptionFilter`.
 */
export type QontakAuthModuleAsyncOptions = typeof ASYNC_OPTIONS_TYPE;
