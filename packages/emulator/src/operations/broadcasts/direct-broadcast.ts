import { errorEnvelopeReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { broadcastWire } from './broadcast-wire';
import { validateDirectBroadcast } from './direct-broadcast-validation';

/**
 * `POST /v1/broadcasts/whatsapp/direct`: one WhatsApp template message to one number. 201 with the
 * broadcast in the envelope (public integrations expect 201 and read `data.id`), or 422 naming each
 * missing or bad field. An accepted broadcast is kept for its log and for `emulator.sent()`.
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
    const record = ctx.records.addBroadcast(request, caller.credential, ctx.options.clock());
    return successReply(201, broadcastWire(record, template, integration));
  },
};
