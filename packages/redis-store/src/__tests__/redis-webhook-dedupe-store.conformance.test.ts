import { describeWebhookDedupeStore } from '@qontak/webhooks/testing';
import type { Redis } from 'ioredis';
import { describe, it } from 'vitest';
import { RedisWebhookDedupeStore } from '../redis-webhook-dedupe-store';
import { useRedis } from './support/redis-fixture';

const { connected } = useRedis();
let client: Redis | undefined;
const test = { describe, it };

describeWebhookDedupeStore(
  'RedisWebhookDedupeStore',
  async () => new RedisWebhookDedupeStore((client ??= await connected())),
  { test },
);

describeWebhookDedupeStore(
  'RedisWebhookDedupeStore with keyPrefix, one client per store',
  async () => new RedisWebhookDedupeStore(await connected(), { keyPrefix: 'conformance:webhook:' }),
  { test },
);
