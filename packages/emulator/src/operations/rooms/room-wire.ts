import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';
import type { RoomRecord } from '../../state/rooms';

/** WhatsApp's customer-service window: it opens when the customer writes and closes 24 hours later. */
const SESSION_MS = 24 * 60 * 60 * 1000;

/** The window reads `expiring` in its last hour. */
const EXPIRING_MS = 60 * 60 * 1000;

/** Where the room's 24-hour window stands at `now`: `expired` before the customer ever wrote. */
export function roomSession(room: RoomRecord, now: number): 'open' | 'expiring' | 'expired' {
  if (room.sessionAtMs === null) return 'expired';
  const left = room.sessionAtMs + SESSION_MS - now;
  if (left <= 0) return 'expired';
  return left <= EXPIRING_MS ? 'expiring' : 'open';
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * A room at `now` as Qontak renders it: the OpenAPI document's `WebhookRoom` (the `room` of every
 * message event, and the room event itself), which holds every field of its `Room`.
 */
export function roomWire(room: RoomRecord, now: number): Record<string, unknown> {
  return {
    id: room.id,
    name: room.name,
    description: null,
    status: room.status,
    type: 'Models::CustomerServiceRoom',
    tags: [...room.tags],
    channel: room.channel,
    channel_account: room.channelAccount,
    organization_id: DEMO_ORGANIZATION_ID,
    account_uniq_id: room.accountUniqId,
    channel_integration_id: room.channelIntegrationId,
    session: roomSession(room, now),
    session_at: isoOrNull(room.sessionAtMs),
    unread_count: room.unreadCount,
    avatar: null,
    created_at: new Date(room.createdAtMs).toISOString(),
    updated_at: new Date(room.updatedAtMs).toISOString(),
    resolved_at: isoOrNull(room.resolvedAtMs),
    resolved_by_id: room.resolvedById,
    resolved_by_type: room.resolvedByType,
    external_id: null,
  };
}
