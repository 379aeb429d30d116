import type { QontakWebhookHandler, QontakWebhookHandlerOptions } from '@qontak/webhooks';

/** A handler the application made itself with `createQontakWebhookHandler`, used as it is. */
export interface QontakWebhookHandlerModuleOptions {
  /** The handler that answers the module's route. */
  handler: QontakWebhookHandler;
  secret?: never;
  onEvent?: never;
}

/**
 * Options of `QontakWebhooksModule.forRoot()` (and what `forRootAsync`'s factory returns): the options of
 * `createQontakWebhookHandler` of `@qontak/webhooks` (`secret`, `onEvent`, `dedupe`, `maxBodyBytes`,
 * `logger`, ...), or `{ handler }` ({@link QontakWebhookHandlerModuleOptions}).
 */
export type QontakWebhooksModuleOptions = QontakWebhookHandlerOptions | QontakWebhookHandlerModuleOptions;
