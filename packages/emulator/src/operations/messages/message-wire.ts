import { roomWire } from '../rooms/room-wire';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';
import type { RoomMessageRecord, RoomRecord } from '../../state/rooms';

/**
 * What a message says of its status: a customer's reads `created`; one sent to a customer reads
 * `created` until it is sent, then `sent`, `delivered`, `read`.
 */
export type MessageStatus = 'created' | 'sent' | 'delivered' | 'read';

/**
 * A message in `room` as Qontak renders it in its webhooks (the OpenAPI document's `WebhookMessage`),
 * with `status` and its room at `now`. The channel's id shows once the message left `created`, or at
 * once for a customer's.
 */
export function messageWire(
  room: RoomRecord,
  message: RoomMessageRecord,
  status: MessageStatus,
  now: number,
): Record<string, unknown> {
  const shown = message.participantType === 'customer' || status !== 'created';
  return {
    id: message.id,
    type: message.type,
    room_id: room.id,
    is_campaign: message.isCampaign,
    sender_id: message.sender.id,
    sender_type: message.sender.type,
    sender: { name: message.sender.name, avatar: null },
    participant_id: message.participantId,
    participant_type: message.participantType,
    organization_id: DEMO_ORGANIZATION_ID,
    text: message.text,
    status,
    external_id: shown ? message.externalId : null,
    local_id: message.localId,
    created_at: new Date(message.createdAtMs).toISOString(),
    reply: null,
    file: message.file && { ...message.file },
    ...(message.interactive === undefined ? {} : { interactive: structuredClone(message.interactive) }),
    room: roomWire(room, now),
  };
}
