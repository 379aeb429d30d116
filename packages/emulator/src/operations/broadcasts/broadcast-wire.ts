import type { CatalogIntegration, CatalogTemplate } from '../../state/catalog';
import { templateWire } from '../catalog/catalog-wire';
import type { ListBroadcastRecord } from '../../state/list-broadcasts';
import type { OutboundStatus, StatusTimings } from '../../state/message-status';
import { statusAfter } from '../../state/message-status';
import { whatsappMessageId } from '../../state/rooms';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';
import type { BroadcastRecord, DirectBroadcastRequest } from '../../state/sent-records';

/** Where a broadcast's one message stands in its delivery log: `pending` until it is sent. */
type LogStatus = 'pending' | OutboundStatus;

/** The text the customer reads: the template's body with each `{{n}}` replaced by its parameter's `value_text`. */
export function renderedBody(record: BroadcastRecord, template: CatalogTemplate): string {
  const values = new Map((record.request.parameters?.body ?? []).map((p) => [p.key, p.value_text]));
  return template.body.replace(
    /\{\{\s*([0-9]+)\s*\}\}/g,
    (placeholder, key: string) => values.get(key) ?? placeholder,
  );
}

/** The parameters as Qontak stores them: arrays of `{key, value}` become `{key: value}` objects. */
function storedParameters(parameters: DirectBroadcastRequest['parameters']): Record<string, unknown> {
  const { header, body = [], buttons = [] } = parameters ?? {};
  return {
    header:
      header === undefined
        ? {}
        : { format: header.format, params: Object.fromEntries(header.params.map((p) => [p.key, p.value])) },
    body: Object.fromEntries(body.map((p) => [p.key, p.value])),
    buttons: Object.fromEntries(buttons.map((b) => [b.index, b.value])),
  };
}

/** How many of a broadcast's messages stand at each status (`message_status_count`). */
type StatusCount = Record<LogStatus | 'failed', number>;

/** Where a broadcast's message stands at `now`: `pending` until its `sent` timing passed. */
export function logStatusAt(record: BroadcastRecord, now: number, timings: StatusTimings): LogStatus {
  return statusAfter(now - record.createdAtMs, timings) ?? 'pending';
}

/** The `message_status_count` of `recipients` at `now`. */
export function statusCount(
  recipients: readonly BroadcastRecord[],
  now: number,
  timings: StatusTimings,
): StatusCount {
  const count: StatusCount = { failed: 0, delivered: 0, read: 0, pending: 0, sent: 0 };
  for (const recipient of recipients) count[logStatusAt(recipient, now, timings)] += 1;
  return count;
}

const NOTHING_SENT: StatusCount = { failed: 0, delivered: 0, read: 0, pending: 0, sent: 0 };

/**
 * A direct broadcast as the API renders it (`data`); `count` is its `message_status_count` (all 0 in the
 * direct broadcast's answer).
 */
export function broadcastWire(
  record: BroadcastRecord,
  template: CatalogTemplate,
  integration: CatalogIntegration,
  count: StatusCount = NOTHING_SENT,
): Record<string, unknown> {
  return {
    id: record.id,
    name: record.request.to_name,
    organization_id: DEMO_ORGANIZATION_ID,
    channel_integration_id: integration.id,
    contact_list_id: null,
    contact_id: record.contactId,
    target_channel: integration.targetChannel,
    parameters: storedParameters(record.request.parameters),
    execute_type: 'immediately',
    send_at: null,
    created_at: new Date(record.createdAtMs).toISOString(),
    message_status_count: { ...count },
    message_template: templateWire(template),
  };
}

/** A broadcast to a contact list as the API renders it at `now` (`data`), with its `message_status_count`. */
export function listBroadcastWire(
  record: ListBroadcastRecord,
  template: CatalogTemplate,
  integration: CatalogIntegration,
  now: number,
  timings: StatusTimings,
): Record<string, unknown> {
  const { request } = record;
  return {
    id: record.id,
    name: request.name,
    organization_id: DEMO_ORGANIZATION_ID,
    channel_integration_id: integration.id,
    contact_list_id: request.contact_list_id,
    target_channel: integration.targetChannel,
    parameters: storedParameters(request.parameters),
    execute_type: request.execute_type,
    send_at: request.execute_type === 'specific' ? new Date(record.sendAtMs).toISOString() : null,
    created_at: new Date(record.createdAtMs).toISOString(),
    message_status_count: statusCount(record.recipients, now, timings),
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
    whatsapp_message_id: status === 'pending' ? null : whatsappMessageId(record.logEntryId),
    whatsapp_error_message: null,
    messages_response: {},
    messages: {},
    is_pacing: false,
    created_at: new Date(record.createdAtMs).toISOString(),
  };
}
