import { errorEnvelopeReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { deliverBroadcast } from './broadcast-delivery';
import { broadcastWire } from './broadcast-wire';
import { validateDirectBroadcast } from './direct-broadcast-validation';

/**
 * `POST /v1/broadcasts/whatsapp/direct`: one WhatsApp template message to one number. 201 with the
 * broadcast in the envelope (public integrations expect 201 and read `data.id`), or 422 naming each
 * missing or bad field. An accepted broadcast is kept for its log and for `emulator.sent()`, and its
 * message goes into the recipient's room on the integration (opened as a `campaign` room when there is
 * none), whose statuses are delivered as `status_message` and `broadcast_log_status` when registered.
 */
export const directBroadcastOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/broadcasts\/whatsapp\/direct$/,
  route: 'broadcast-direct',
  counts: 'broadcasts',
  body: 'json',
  handle({ ctx, caller }, body) {
    const result = validateDirectBroadcast(body, ctx.catalog);
    if (!result.ok) return errorEnvelopeReply(422, result.messages);
    const { request, template, integration } = result.value;
    const now = ctx.options.clock();
    const record = ctx.records.addBroadcast(request, caller.credential, now);
    deliverBroadcast(ctx, record, template, integration, now);
    return successReply(201, broadcastWire(record, template, integration));
  },
};
