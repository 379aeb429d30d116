import { notFoundReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { logEntryWire } from './broadcast-wire';
import { pageReply, readPage } from '../../api/pagination';

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
    const page = readPage(url);
    if (!page.ok) return page.reply;
    const record = ctx.records.broadcast(params[0] ?? '');
    if (record === undefined) return notFoundReply('Broadcast not found');
    return pageReply([logEntryWire(record, ctx.options.clock())], page.page);
  },
};
