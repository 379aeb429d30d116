import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { QontakAuthModuleOptions } from './qontak-auth-module-options';

/**
 * The configurable-module blueprint of `QontakAuthModule`: `forRoot(options)` and
 * `forRootAsync({ imports, inject, useFactory | useClass | useExisting })`, plus the extra option
 * `isGlobal` (default `false`) that registers the module globally.
 */
export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<QontakAuthModuleOptions>({ moduleName: 'QontakAuth' })
    .setClassMethodName('forRoot')
    .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
    .build();

/** The argument of `QontakAuthModule.forRoot()`: the module options plus `isGlobal`. */
export type QontakAuthModuleForRootOptions = typeof OPTIONS_TYPE;

/** The argument of `QontakAuthModule.forRootAsync()`: `imports`, `inject`, `useFactory` / `useClass` / `useExisting`, `isGlobal`. */
export type QontakAuthModuleAsyncOptions = typeof ASYNC_OPTIONS_TYPE;
