import { Module, type DynamicModule } from '@nestjs/common';
import { createQontakWebhookHandler, type QontakWebhookHandler } from '@qontak/webhooks';
import { QONTAK_WEBHOOK_HANDLER } from './qontak-webhooks.constants';
import {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  type QontakWebhooksModuleAsyncOptions,
  type QontakWebhooksModuleForRootOptions,
} from './qontak-webhooks.module-definition';
import type { QontakWebhooksModuleOptions } from './qontak-webhooks.module-options';

/** The handler the options give: the one passed as `{ handler }`, or a new one made from them. */
function moduleHandler(options: QontakWebhooksModuleOptions): QontakWebhookHandler {
  return 'handler' in options && typeof options.handler === 'function'
    ? options.handler
    : createQontakWebhookHandler(options as Exclude<QontakWebhooksModuleOptions, { handler: unknown }>);
}

/**
 * Receives Qontak's webhooks in a Nest application: a route (default `qontak/webhook`, option `path`, under
 * the global prefix) answered by the handler of `@qontak/webhooks`, which checks the secret in the URL,
 * the body and Qontak's event shapes, and hands each event to `onEvent` once (see
 * `createQontakWebhookHandler`). Every method reaches the handler: a POST is Qontak's, anything else gets
 * 405 with `Allow: POST`.
 *
 * `QontakWebhooksModule.forRoot({ secret, onEvent, ... })`, or, for an `onEvent` that is a method of one of
 * your providers, `forRootAsync({ imports: [BotModule], inject: [BotService], useFactory: (bot) => ({
 * secret, onEvent: (event) => bot.onEvent(event) }) })`. Express platform and Fastify. Nest's body parser
 * reads a JSON body before the route: the handler then judges `req.rawBody` when the application was
 * created with `rawBody: true` (the exact bytes), else `JSON.stringify(req.body)`; with `bodyParser: false`
 * it reads the stream itself.
 *
 * @throws {QontakWebhookError} `config_error` at bootstrap when the options are missing or out of range
 *   (a secret shorter than 16 characters, no `onEvent`, ...); the message never holds the secret.
 */
@Module({
  providers: [
    {
      provide: QONTAK_WEBHOOK_HANDLER,
      useFactory: (options: QontakWebhooksModuleOptions) => moduleHandler(options),
      inject: [MODULE_OPTIONS_TOKEN],
    },
  ],
})
export class QontakWebhooksModule extends ConfigurableModuleClass {
  /**
   * The module with the handler's options (or `{ handler }`), plus `path` (default `'qontak/webhook'`).
   * @throws {QontakWebhookError} `config_error` at bootstrap when the options are invalid.
   */
  static override forRoot(options: QontakWebhooksModuleForRootOptions): DynamicModule {
    return super.forRoot(options);
  }

  /**
   * The module with options a factory makes from other providers (`imports`, `inject`, `useFactory`, or
   * `useClass` / `useExisting`), plus `path`: how `onEvent` reaches a method of your own service.
   * @throws {QontakWebhookError} `config_error` at bootstrap when the options are invalid.
   */
  static override forRootAsync(options: QontakWebhooksModuleAsyncOptions): DynamicModule {
    return super.forRootAsync(options);
  }
}
