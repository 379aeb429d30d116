export { RedisTokenStore } from './redis-token-store';
export type { RedisTokenStoreOptions } from './redis-token-store';
export { RedisWebhookDedupeStore } from './redis-webhook-dedupe-store';
export type { RedisWebhookDedupeStoreOptions } from './redis-webhook-dedupe-store';
