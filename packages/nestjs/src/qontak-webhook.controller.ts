import { All, Controller, Inject, Req, Res, type Type } from '@nestjs/common';
import type { QontakWebhookHandler } from '@qontak/webhooks';
import { answerWebhookRequest } from './answer-webhook-request';
import { QONTAK_WEBHOOK_HANDLER } from './qontak-webhooks.constants';

/**
 * The controller of one `QontakWebhooksModule`: every method on `path` goes to the module's webhook
 * handler, which answers a POST from Qontak and anything else 405. A class per path, since a
 * controller's path is fixed by its decorator.
 */
export function qontakWebhookController(path: string): Type<unknown> {
  @Controller(path)
  class QontakWebhookController {
    readonly #handler: QontakWebhookHandler;

    constructor(@Inject(QONTAK_WEBHOOK_HANDLER) handler: QontakWebhookHandler) {
      this.#handler = handler;
    }

    @All()
    receive(@Req() request: unknown, @Res() response: unknown): Promise<void> {
      return answerWebhookRequest(this.#handler, request, response);
    }
  }
  return QontakWebhookController;
}
