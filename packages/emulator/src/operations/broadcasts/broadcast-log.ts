import { notFoundReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { logEntryWire } from './broadcast-wire';
import { listReply } from '../../api/pagination';

/**
 * `GET /v1/broadcasts/{id}/whatsapp/log`: the broadcast's one log entry (its status follows the emulator's
 * clock), paginated like every list; 404 in the envelope for an unknown broadcast.
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
      return [logEntryWire(record, ctx.options.clock())];
    });
  },
};
