import { ConfigurableModuleBuilder } from '@nestjs/common';
import { qontakWebhookController } from './qontak-webhook.controller';
import type { QontakWebhooksModuleOptions } from './qontak-webhooks.module-options';

/** Options of `forRoot` and `forRootAsync` that shape the module itself (known before any factory runs). */
export interface QontakWebhooksModuleExtras {
  /**
   * The route of the webhook, under the application's global prefix: the path of the URL registered with
   * Qontak (`qontakWebhookUrl(publicUrl, secret)`). Default `'qontak/webhook'`.
   */
  path?: string | undefined;
}

const DEFAULT_PATH = 'qontak/webhook';

/**
 * The configurable-module blueprint of `QontakWebhooksModule`: `forRoot(options)` and
 * `forRootAsync({ imports, inject, useFactory | useClass | useExisting })`, plus the extra `path`.
 */
export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<QontakWebhooksModuleOptions>({ moduleName: 'QontakWebhooks' })
    .setClassMethodName('forRoot')
    .setExtras<QontakWebhooksModuleExtras>({ path: DEFAULT_PATH }, (definition, extras) => ({
      ...definition,
      controllers: [...(definition.controllers ?? []), qontakWebhookController(extras.path ?? DEFAULT_PATH)],
    }))
    .build();

/** The argument of `QontakWebhooksModule.forRoot()`: the handler's options (or `{ handler }`) plus `path`. */
export type QontakWebhooksModuleForRootOptions = typeof OPTIONS_TYPE;

/**
 * The argument of `QontakWebhooksModule.forRootAsync()`: `imports`, `inject`, `useFactory` / `useClass` /
 * `useExisting`, plus `path`.
 */
export type QontakWebhooksModuleAsyncOptions = typeof ASYNC_OPTIONS_TYPE;
