export { EMULATOR_DEMO_SCHEMES } from './demo-env';
export type { EmulatorDemoScheme } from './demo-env';
export { startEmulator } from './emulator';
export type { QontakEmulator } from './emulator';
export type {
  EmulatorClient,
  EmulatorHmacClient,
  EmulatorOptions,
  EmulatorUser,
  RefreshRotation,
} from './server/options';
export type {
  EmulatorIntegration,
  EmulatorTemplate,
  EmulatorTemplateButton,
  TemplateHeaderFormat,
} from './state/catalog';
export type {
  ApiOperationRoute,
  EmulatorFault,
  EmulatorFaults,
  EmulatorRoute,
} from './faults/fault-injector';
export type { EmulatorStats, GrantCount, SubmissionCount } from './state/stats';
export type { EmulatorCredentialKind } from './auth/credential-kind';
export type {
  DirectBroadcastRequest,
  EmulatorWebhooks,
  MessageInteractionsRegistration,
  RoomInteractionsRegistration,
  SentBotMessage,
  SentBroadcast,
} from './state/sent-records';
export {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
} from './state/seed-credentials';
export { HMAC_CLOCK_SKEW_SECONDS } from './auth/hmac-verifier';
export {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_IMAGE_TEMPLATE_ID,
  DEMO_ORGANIZATION_ID,
  DEMO_PLAIN_TEMPLATE_ID,
  DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
  DEMO_TEMPLATE_ID,
  DEMO_WA_CHANNEL_INTEGRATION_ID,
} from './state/seed-catalog';
export { DEMO_AGENT_ID, DEMO_SECOND_AGENT_ID, DEMO_SUPERVISOR_ID } from './state/seed-users';
export {
  BROADCAST_DELIVERED_AFTER_MS,
  BROADCAST_READ_AFTER_MS,
  BROADCAST_SENT_AFTER_MS,
} from './state/message-status';
export type { EmulatorMessageStatusTimings } from './state/message-status';
export type { EmulatorCustomerMessage, EmulatorInboundMessage } from './webhooks/customer-message';
export type { EmulatorWebhookDeliveryOptions } from './webhooks/delivery-options';
export type {
  EmulatorWebhookDelivery,
  EmulatorWebhookEventName,
  EmulatorWebhookOutcome,
  EmulatorWebhookTrigger,
} from './webhooks/webhook-delivery';
