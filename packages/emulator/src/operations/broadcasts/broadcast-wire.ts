import type { CatalogIntegration, CatalogTemplate } from '../../state/catalog';
import { templateWire } from '../catalog/catalog-wire';
import type { OutboundStatus } from '../../state/message-status';
import { whatsappMessageId } from '../../state/rooms';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';
import type { BroadcastRecord } from '../../state/sent-records';

/** Where a broadcast's one message stands in its delivery log: `pending` until it is sent. */
export type LogStatus = 'pending' | OutboundStatus;

/** The text the customer reads: the template's body with each `{{n}}` replaced by its parameter's `value_text`. */
export function renderedBody(record: BroadcastRecord, template: CatalogTemplate): string {
  const values = new Map((record.request.parameters?.body ?? []).map((p) => [p.key, p.value_text]));
  return template.body.replace(
    /\{\{\s*([0-9]+)\s*\}\}/g,
    (placeholder, key: string) => values.get(key) ?? placeholder,
  );
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
 * The broadcast's one log entry with `status` (the OpenAPI document's `BroadcastLogEntry`): the
 * `whatsapp_message_id` shows once it left `pending`.
 */
export function logEntryWire(record: BroadcastRecord, status: LogStatus): Record<string, unknown> {
  return {
    id: record.logEntryId,
    organization_id: DEMO_ORGANIZATION_ID,
    messages_broadcast_id: record.id,
    channel_integration_id: record.request.channel_integration_id,
    contact_phone_number: record.request.to_number.replace(/^\+/, ''),
    contact_full_name: record.request.to_name,
    status,
    whatsapp_message_id: status === 'pending' ? null : whatsappMessageId(record.id),
    whatsapp_error_message: null,
    messages_response: {},
    messages: {},
    is_pacing: false,
    created_at: new Date(record.createdAtMs).toISOString(),
  };
}
