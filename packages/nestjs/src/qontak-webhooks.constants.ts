/**
 * Injection token of the webhook handler `QontakWebhooksModule` made (or was given): the module's
 * controller answers its route with it. Internal. A registered symbol, so that the ESM and CommonJS
 * builds of this package agree on it.
 */
export const QONTAK_WEBHOOK_HANDLER: unique symbol = Symbol.for('@qontak/nestjs:webhook-handler');
