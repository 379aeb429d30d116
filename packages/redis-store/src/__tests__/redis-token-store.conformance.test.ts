import { randomBytes } from 'node:crypto';
import { describeTokenStore } from '@qontak/auth-core/testing';
import type { Redis } from 'ioredis';
import { describe, it } from 'vitest';
import { RedisTokenStore } from '../redis-token-store';
import { useRedis } from './support/redis-fixture';

const { connected } = useRedis();
let client: Redis | undefined;
const test = { describe, it };

describeTokenStore('RedisTokenStore', async () => new RedisTokenStore((client ??= await connected())), {
  test,
  dropsExpiredTokens: true,
});

describeTokenStore(
  'RedisTokenStore with encryptionKey and keyPrefix',
  async () =>
    new RedisTokenStore((client ??= await connected()), {
      encryptionKey: randomBytes(32),
      keyPrefix: 'conformance:',
    }),
  { test, dropsExpiredTokens: true },
);
