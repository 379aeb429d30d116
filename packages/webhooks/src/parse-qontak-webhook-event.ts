import { webhookValidators } from './generated/webhook-validators';
import type { QontakWebhookEvent, QontakWebhookEventName } from './qontak-webhook-event';

/** Where a payload first departs from a schema (`room.id is not string`), or `undefined`. */
type Validator = (payload: Record<string, unknown>) => string | undefined;

/** The check of each event's schema, by its `data_event`. */
const EVENT_VALIDATORS: { readonly [name in QontakWebhookEventName]: Validator } = {
  receive_message_from_customer: webhookValidators.WebhookCustomerMessageEvent,
  receive_message_from_agent: webhookValidators.WebhookAgentMessageEvent,
  status_message: webhookValidators.WebhookMessageStatusEvent,
  broadcast_log_status: webhookValidators.WebhookBroadcastLogStatusEvent,
  room_resolved: webhookValidators.WebhookRoomResolvedEvent,
};

/** The check of the older payload (a message without `data_event`). */
const checkLegacy: Validator = webhookValidators.WebhookLegacyMessageEvent;

/** Decodes a whole body at a time (never a stream), so one decoder serves every delivery. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** What {@link parseQontakWebhookEvent} made of a body. */
type ParsedWebhookEvent =
  | { readonly ok: true; readonly event: QontakWebhookEvent }
  /** `invalid_json`: not UTF-8 JSON. `invalid_event`: JSON, but not a Qontak event (`problem` says why, naming fields, never values). */
  | { readonly ok: false; readonly error: 'invalid_json' | 'invalid_event'; readonly problem: string };

function invalid(problem: string): ParsedWebhookEvent {
  return { ok: false, error: 'invalid_event', problem };
}

/**
 * The event a webhook body holds, checked against the OpenAPI document's schema of its `data_event`.
 * The older payload (a message without `data_event` nor `webhook_event`) is checked as a message; a
 * customer's (`participant_type: customer`) gets `data_event: receive_message_from_customer`, the event
 * it is. Every field is kept, also those no schema names.
 */
export function parseQontakWebhookEvent(bytes: Uint8Array): ParsedWebhookEvent {
  let payload: unknown;
  try {
    payload = JSON.parse(UTF8.decode(bytes));
  } catch {
    return { ok: false, error: 'invalid_json', problem: 'the body is not UTF-8 JSON' };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return invalid('the body is not a JSON object');
  }
  const record = payload as Record<string, unknown>;
  const name = record['data_event'];
  if (name === undefined) {
    const problem = checkLegacy(record);
    if (problem !== undefined) return invalid(problem);
    if (record['participant_type'] === 'customer') record['data_event'] = 'receive_message_from_customer';
    return { ok: true, event: record as QontakWebhookEvent };
  }
  if (typeof name !== 'string' || !Object.hasOwn(EVENT_VALIDATORS, name)) {
    return invalid(`data_event is not one of ${Object.keys(EVENT_VALIDATORS).join(', ')}`);
  }
  const problem = EVENT_VALIDATORS[name as QontakWebhookEventName](record);
  return problem === undefined ? { ok: true, event: record as QontakWebhookEvent } : invalid(problem);
}
