import { createQontakWebhookHandler, type QontakWebhookEvent } from '@qontak/webhooks';
import { describe, expectTypeOf, it } from 'vitest';
import { QontakWebhooksModule } from '../webhooks';

const secret = 'x'.repeat(32);

describe('the options of QontakWebhooksModule', () => {
  it('hand onEvent a QontakWebhookEvent, and take path', () => {
    QontakWebhooksModule.forRoot({
      secret,
      path: 'hooks/qontak',
      onEvent(event) {
        expectTypeOf(event).toEqualTypeOf<QontakWebhookEvent>();
      },
    });
  });

  it('take a ready handler alone', () => {
    const handler = createQontakWebhookHandler({ secret, onEvent: () => undefined });
    QontakWebhooksModule.forRoot({ handler });
    // @ts-expect-error a ready handler takes no secret of its own
    QontakWebhooksModule.forRoot({ handler, secret });
  });

  it('need onEvent and secret', () => {
    // @ts-expect-error no onEvent
    QontakWebhooksModule.forRoot({ secret });
    // @ts-expect-error no secret
    QontakWebhooksModule.forRoot({ onEvent: () => undefined });
  });

  it('take a factory of them in forRootAsync', () => {
    QontakWebhooksModule.forRootAsync({
      inject: [],
      useFactory: () => ({ secret, onEvent: () => undefined }),
      path: 'qontak/webhook',
    });
  });
});
