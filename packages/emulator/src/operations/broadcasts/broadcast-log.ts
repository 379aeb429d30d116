import { notFoundReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { listReply } from '../../api/pagination';
import { statusAfter } from '../../state/message-status';
import { logEntryWire } from './broadcast-wire';

/**
 * `GET /v1/broadcasts/{id}/whatsapp/log`: the broadcast's one log entry, `pending`, then `sent`,
 * `delivered` and `read` at the `messageStatusAfterMs` timings on the emulator's clock, paginated like
 * every list; 404 in the envelope for an unknown broadcast.
 */
export const broadcastLogOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/broadcasts\/([^/]+)\/whatsapp\/log$/,
  route: 'broadcast-log',
  body: 'none',
  handle({ ctx, url, params }) {
    return listReply(url, () => {
      const record = ctx.records.broadcast(params[0] ?? '');
      if (record === undefined) return notFoundReply('Broadcast not found');
      const elapsed = ctx.options.clock() - record.createdAtMs;
      return [logEntryWire(record, statusAfter(elapsed, ctx.options.statusTimings) ?? 'pending')];
    });
  },
};
