import type { Reply } from '../server/reply';
import { jsonReply } from '../server/reply';

/** Qontak's success envelope: `{ status: "success", data, meta? }` (lists add `meta.pagination`). */
export function successReply(status: number, data: unknown, meta?: Record<string, unknown>): Reply {
  return jsonReply(
    status,
    meta === undefined ? { status: 'success', data } : { status: 'success', data, meta },
  );
}

/** Qontak's error envelope: `{ status: "error", error: { code: <status>, messages } }`. */
export function errorEnvelopeReply(status: number, messages: readonly string[]): Reply {
  return jsonReply(status, { status: 'error', error: { code: status, messages: [...messages] } });
}

/** The 404 of an unknown route or resource, in Qontak's error envelope. */
export function notFoundReply(message = 'Not found'): Reply {
  return errorEnvelopeReply(404, [message]);
}
