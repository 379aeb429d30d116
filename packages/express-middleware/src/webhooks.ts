/**
 * `@qontak/express-middleware/webhooks`: the Express receiver of Qontak's webhooks, on its own entry so
 * that an app using only `qontakAuth` never loads `@qontak/webhooks`.
 */
export { qontakWebhook } from './qontak-webhook-middleware';
