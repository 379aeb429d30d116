export { createQontakWebhookHandler } from './create-qontak-webhook-handler';
export type { QontakWebhookHandler } from './create-qontak-webhook-handler';
export type { QontakWebhookClaim, QontakWebhookDedupeStore } from './dedupe-store';
export { MemoryWebhookDedupeStore } from './memory-webhook-dedupe-store';
export type { MemoryWebhookDedupeStoreOptions } from './memory-webhook-dedupe-store';
export type {
  QontakWebhookEvent,
  QontakWebhookEventName,
  QontakWebhookSchemas,
} from './qontak-webhook-event';
export { QontakWebhookError, QontakWebhookErrorCode, isQontakWebhookError } from './qontak-webhook-error';
export { registerQontakWebhooks } from './register-qontak-webhooks';
export type {
  QontakWebhookRegistration,
  QontakWebhookRegistrationResult,
  QontakWebhookSettingsAnswer,
  QontakWebhookSettingsClient,
} from './register-qontak-webhooks';
export type { QontakWebhookHandlerOptions } from './webhook-handler-options';
export type { QontakWebhookLogger } from './webhook-logger';
export { qontakWebhookUrl } from './webhook-secret';
