/**
 * `@qontak/webhooks/testing`: the conformance suite of a `QontakWebhookDedupeStore`. Run
 * {@link describeWebhookDedupeStore} against your own store (Redis, a database) under vitest, jest or
 * `node:test`; it asserts with `node:assert/strict` and needs no test library of its own.
 */
export { describeWebhookDedupeStore } from './testing/describe-webhook-dedupe-store';
export type {
  MakeWebhookDedupeStore,
  WebhookDedupeStoreSuiteOptions,
  WebhookDedupeStoreTestApi,
} from './testing/describe-webhook-dedupe-store';
