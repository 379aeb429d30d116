import { createQontakWebhookHandler, type QontakWebhookEvent } from '@qontak/webhooks';
import express, { type RequestHandler } from 'express';
import { describe, expectTypeOf, it } from 'vitest';
import { qontakWebhook } from '../webhooks';

const secret = 'x'.repeat(32);

describe('the types of qontakWebhook', () => {
  it('hands onEvent a QontakWebhookEvent, narrowed by data_event', () => {
    qontakWebhook({
      secret,
      onEvent(event) {
        expectTypeOf(event).toEqualTypeOf<QontakWebhookEvent>();
        if (event.data_event === 'receive_message_from_customer') {
          expectTypeOf(event.room_id).toEqualTypeOf<string>();
        }
      },
    });
  });

  it('is a RequestHandler that a POST route takes, from options or from a ready handler', () => {
    expectTypeOf(qontakWebhook({ secret, onEvent: () => undefined })).toEqualTypeOf<RequestHandler>();
    const handler = createQontakWebhookHandler({ secret, onEvent: () => undefined });
    express().post('/qontak/webhook', qontakWebhook(handler));
  });

  it('needs onEvent and secret', () => {
    // @ts-expect-error no onEvent
    qontakWebhook({ secret });
    // @ts-expect-error no secret
    qontakWebhook({ onEvent: () => undefined });
  });
});
