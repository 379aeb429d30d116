import { errorEnvelopeReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { webhookSettingsWire } from './webhook-settings-wire';
import { validateMessageInteractions } from './interactions-validation';

/**
 * `PUT /v1/message_interactions`: registers the webhook for incoming messages and message statuses.
 * 200 with the organization's webhook settings in the envelope (as Qontak's docs show them), or 422.
 */
export const messageInteractionsOperation: ApiOperation = {
  method: 'PUT',
  path: /^\/v1\/message_interactions$/,
  route: 'message-interactions',
  body: 'json',
  handle({ ctx, caller }, body) {
    const result = validateMessageInteractions(body);
    if (!result.ok) return errorEnvelopeReply(422, result.messages);
    ctx.records.setMessageInteractions({ ...result.value, credential: caller.credential });
    return successReply(200, webhookSettingsWire(ctx.records));
  },
};
