import { QontakAccessTokenAuth } from '@qontak/auth-core';
import { createQontakClient } from '@qontak/client';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createQontakWebhookHandler,
  registerQontakWebhooks,
  type QontakWebhookEvent,
  type QontakWebhookSchemas,
} from '../index';
import type { webhooks } from '../generated/qontak-open-api';

describe('the types of @qontak/webhooks', () => {
  it('registerQontakWebhooks takes the typed client of @qontak/client', () => {
    const client = createQontakClient(new QontakAccessTokenAuth({ accessToken: 'token' }));
    expectTypeOf(registerQontakWebhooks).toBeCallableWith(client, { url: 'https://bot.example.com/q' });
  });

  it('narrows an event by its data_event to the fields of that event', () => {
    createQontakWebhookHandler({
      secret: 'x'.repeat(32),
      onEvent(event) {
        switch (event.data_event) {
          case 'receive_message_from_customer':
          case 'receive_message_from_agent':
          case 'status_message':
            expectTypeOf(event.room_id).toEqualTypeOf<string>();
            expectTypeOf(event.text).toEqualTypeOf<string | null | undefined>();
            expectTypeOf(event.room?.id).toEqualTypeOf<string | undefined>();
            break;
          case 'broadcast_log_status':
            expectTypeOf(event.messages_broadcast_id).toEqualTypeOf<string>();
            expectTypeOf(event.status).toEqualTypeOf<string>();
            // @ts-expect-error a broadcast log entry has no room_id
            void event.room_id;
            break;
          case 'room_resolved':
            expectTypeOf(event.id).toEqualTypeOf<string>();
            expectTypeOf(event).toExtend<QontakWebhookSchemas['WebhookRoom']>();
            break;
          case undefined:
            expectTypeOf(event).toExtend<QontakWebhookSchemas['WebhookLegacyMessageEvent']>();
            expectTypeOf(event.participant_type).toEqualTypeOf<string | undefined>();
            break;
          default:
            expectTypeOf(event).toBeNever();
        }
      },
    });
  });

  it('the events are the bodies of the webhooks of the OpenAPI document', () => {
    type Body<Name extends keyof webhooks> =
      webhooks[Name]['post']['requestBody']['content']['application/json'];
    expectTypeOf<QontakWebhookEvent>().toEqualTypeOf<Body<'messageInteraction'> | Body<'roomInteraction'>>();
  });

  it('each event is the schema of the same name', () => {
    expectTypeOf<Extract<QontakWebhookEvent, { data_event: 'status_message' }>>().toEqualTypeOf<
      QontakWebhookSchemas['WebhookMessageStatusEvent']
    >();
  });
});
