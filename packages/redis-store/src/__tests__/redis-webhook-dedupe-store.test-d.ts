import type { QontakWebhookDedupeStore } from '@qontak/webhooks';
import { expectTypeOf, test } from 'vitest';
import type { RedisWebhookDedupeStore } from '../redis-webhook-dedupe-store';

test('RedisWebhookDedupeStore is a QontakWebhookDedupeStore (structurally: no import of @qontak/webhooks at run time)', () => {
  expectTypeOf<RedisWebhookDedupeStore>().toExtend<QontakWebhookDedupeStore>();
  expectTypeOf<ReturnType<RedisWebhookDedupeStore['claim']>>().toEqualTypeOf<
    Promise<Awaited<ReturnType<QontakWebhookDedupeStore['claim']>>>
  >();
});
