import { errorEnvelopeReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { webhookSettingsWire } from './webhook-settings-wire';
import { validateRoomInteractions } from './interactions-validation';

/**
 * `PUT /v1/room_interactions`: registers the webhook for resolved rooms. 200 with the organization's
 * webhook settings in the envelope, or 422.
 */
export const roomInteractionsOperation: ApiOperation = {
  method: 'PUT',
  path: /^\/v1\/room_interactions$/,
  route: 'room-interactions',
  body: 'json',
  handle({ ctx, caller }, body) {
    const result = validateRoomInteractions(body);
    if (!result.ok) return errorEnvelopeReply(422, result.messages);
    ctx.records.setRoomInteractions({ ...result.value, credential: caller.credential });
    return successReply(200, webhookSettingsWire(ctx.records));
  },
};
