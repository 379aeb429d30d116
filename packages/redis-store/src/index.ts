export { RedisTokenStore } from './redis-token-store';
export type { RedisTokenStoreOptions } from './redis-token-store';
