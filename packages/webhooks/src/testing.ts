/**
 * `@qontak/webhooks/testing`: for tests. The conformance suite of a `QontakWebhookDedupeStore`
 * ({@link describeWebhookDedupeStore}: run it against your own store under vitest, jest or `node:test`;
 * it asserts with `node:assert/strict` and needs no test library of its own), and Qontak-shaped example
 * events ({@link qontakWebhookExample}) to post to your webhook route or give your `onEvent`.
 */
export { describeWebhookDedupeStore } from './testing/describe-webhook-dedupe-store';
export type {
  MakeWebhookDedupeStore,
  WebhookDedupeStoreSuiteOptions,
  WebhookDedupeStoreTestApi,
} from './testing/describe-webhook-dedupe-store';
export { qontakWebhookExample } from './testing/webhook-examples';
export type { QontakWebhookEventOf } from './testing/webhook-examples';
