import { notFoundReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { broadcastView } from './broadcast-views';

/**
 * `GET /v1/broadcasts/{id}/whatsapp`: a direct broadcast or a broadcast to a contact list, with its
 * `message_status_count` now; 404 in the envelope for an unknown id.
 */
export const broadcastOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/broadcasts\/([^/]+)\/whatsapp$/,
  route: 'broadcast',
  body: 'none',
  handle({ ctx, params }) {
    const view = broadcastView(ctx, params[0] ?? '');
    return view === undefined ? notFoundReply('Broadcast not found') : successReply(200, view.wire);
  },
};
