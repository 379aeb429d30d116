/**
 * `@qontak/nestjs/webhooks`: the Nest receiver of Qontak's webhooks, on its own entry so that an
 * application that only authenticates never loads `@qontak/webhooks`.
 */
export type {
  QontakWebhookHandlerModuleOptions,
  QontakWebhooksModuleOptions,
} from './qontak-webhooks.module-options';
export type {
  QontakWebhooksModuleAsyncOptions,
  QontakWebhooksModuleExtras,
  QontakWebhooksModuleForRootOptions,
} from './qontak-webhooks.module-definition';
export { QontakWebhooksModule } from './qontak-webhooks.module';
