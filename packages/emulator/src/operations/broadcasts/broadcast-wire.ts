import type { CatalogIntegration, CatalogTemplate } from '../../state/catalog';
import { templateWire } from '../catalog/catalog-wire';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';
import type { BroadcastRecord } from '../../state/sent-records';

/** A broadcast's log entry reads `sent` this many milliseconds (on the emulator's clock) after it was accepted. */
export const BROADCAST_SENT_AFTER_MS = 1_000;

/** A broadcast's log entry reads `delivered` this many milliseconds (on the emulator's clock) after it was accepted. */
export const BROADCAST_DELIVERED_AFTER_MS = 3_000;

/** Where a broadcast's one message stands, `elapsedMs` after it was accepted. */
type DeliveryStatus = 'pending' | 'sent' | 'delivered';

function deliveryStatus(elapsedMs: number): DeliveryStatus {
  if (elapsedMs < BROADCAST_SENT_AFTER_MS) return 'pending';
  return elapsedMs < BROADCAST_DELIVERED_AFTER_MS ? 'sent' : 'delivered';
}

/** The parameters as Qontak stores them: arrays of `{key, value}` become `{key: value}` objects. */
function storedParameters(record: BroadcastRecord): Record<string, unknown> {
  const { header, body = [], buttons = [] } = record.request.parameters ?? {};
  return {
    header:
      header === undefined
        ? {}
        : { format: header.format, params: Object.fromEntries(header.params.map((p) => [p.key, p.value])) },
    body: Object.fromEntries(body.map((p) => [p.key, p.value])),
    buttons: Object.fromEntries(buttons.map((b) => [b.index, b.value])),
  };
}

/** A broadcast as the direct-broadcast answer renders it (`data`). */
export function broadcastWire(
  record: BroadcastRecord,
  template: CatalogTemplate,
  integration: CatalogIntegration,
): Record<string, unknown> {
  return {
    id: record.id,
    name: record.request.to_name,
    organization_id: DEMO_ORGANIZATION_ID,
    channel_integration_id: integration.id,
    contact_list_id: null,
    contact_id: record.contactId,
    target_channel: integration.targetChannel,
    parameters: storedParameters(record),
    created_at: new Date(record.createdAtMs).toISOString(),
    message_status_count: { failed: 0, delivered: 0, read: 0, pending: 0, sent: 0 },
    message_template: templateWire(template),
  };
}

/**
 * The broadcast's one log entry at `now`: `pending` until {@link BROADCAST_SENT_AFTER_MS}, then `sent` (with a
 * `whatsapp_message_id`) until {@link BROADCAST_DELIVERED_AFTER_MS}, then `delivered`.
 */
export function logEntryWire(record: BroadcastRecord, now: number): Record<string, unknown> {
  const status = deliveryStatus(now - record.createdAtMs);
  return {
    id: record.logEntryId,
    organization_id: DEMO_ORGANIZATION_ID,
    messages_broadcast_id: record.id,
    channel_integration_id: record.request.channel_integration_id,
    contact_phone_number: record.request.to_number.replace(/^\+/, ''),
    contact_full_name: record.request.to_name,
    status,
    whatsapp_message_id:
      status === 'pending' ? null : `wamid.${Buffer.from(record.id, 'utf8').toString('base64')}`,
    whatsapp_error_message: null,
    messages_response: {},
    messages: {},
    is_pacing: false,
    created_at: new Date(record.createdAtMs).toISOString(),
  };
}
