import { notFoundReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { listReply } from '../../api/pagination';
import { logEntryWire, logStatusAt } from './broadcast-wire';

/**
 * `GET /v1/broadcasts/{id}/whatsapp/log`: one log entry per recipient (a direct broadcast's one, a
 * contact list broadcast's one per contact, in the list's order), each `pending` until it is sent, then
 * `sent`, `delivered` and `read` at the `messageStatusAfterMs` timings on the emulator's clock, paginated
 * like every list; 404 in the envelope for an unknown broadcast.
 */
export const broadcastLogOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/broadcasts\/([^/]+)\/whatsapp\/log$/,
  route: 'broadcast-log',
  body: 'none',
  handle({ ctx, url, params }) {
    return listReply(url, () => {
      const id = params[0] ?? '';
      const direct = ctx.records.broadcast(id);
      const recipients = direct ? [direct] : ctx.listBroadcasts.get(id)?.recipients;
      if (recipients === undefined) return notFoundReply('Broadcast not found');
      const now = ctx.options.clock();
      return recipients.map((r) => logEntryWire(r, logStatusAt(r, now, ctx.options.statusTimings)));
    });
  },
};
