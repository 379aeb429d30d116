import type { Checked } from '../../api/field-checks';
import {
  checkKnownKeys,
  FieldErrors,
  isHttpUrl,
  optionalBoolean,
  requiredString,
} from '../../api/field-checks';
import type { JsonObject } from '../../server/json';
import type { MessageInteractionsRegistration, RoomInteractionsRegistration } from '../../state/sent-records';
import { isJsonObject, NOT_A_JSON_OBJECT } from '../../server/json';

/** `PUT /v1/message_interactions`, checked; absent flags are `false`. */
type MessageInteractionsBody = Omit<MessageInteractionsRegistration, 'credential'>;

/** `PUT /v1/room_interactions`, checked; an absent flag is `false`. */
type RoomInteractionsBody = Omit<RoomInteractionsRegistration, 'credential'>;

/** The webhook `url`: required, an absolute http(s) URL. */
function webhookUrl(body: JsonObject, errors: FieldErrors): string | undefined {
  const url = requiredString(body, 'url', 'url', errors);
  if (url !== undefined && !isHttpUrl(url)) {
    errors.add('url must be an http or https URL');
    return undefined;
  }
  return url;
}

/**
 * Checks a message-interactions registration: a JSON object with only `receive_message_from_agent`,
 * `receive_message_from_customer`, `status_message`, `broadcast_log_status` (booleans, optional) and
 * `url` (required, http(s)).
 */
export function validateMessageInteractions(body: unknown): Checked<MessageInteractionsBody> {
  if (!isJsonObject(body)) return { ok: false, messages: [NOT_A_JSON_OBJECT] };
  const errors = new FieldErrors();
  const flags = [
    'receive_message_from_agent',
    'receive_message_from_customer',
    'status_message',
    'broadcast_log_status',
  ] as const;
  checkKnownKeys(body, [...flags, 'url'], '', errors);
  const [agent, customer, status, broadcastStatus] = flags.map((flag) =>
    optionalBoolean(body, flag, flag, errors),
  );
  const url = webhookUrl(body, errors);
  if (!errors.empty || url === undefined) return { ok: false, messages: errors.messages };
  return {
    ok: true,
    value: {
      receive_message_from_agent: agent ?? false,
      receive_message_from_customer: customer ?? false,
      status_message: status ?? false,
      broadcast_log_status: broadcastStatus ?? false,
      url,
    },
  };
}

/** Checks a room-interactions registration: a JSON object with only `room_resolved` (boolean, optional) and `url`. */
export function validateRoomInteractions(body: unknown): Checked<RoomInteractionsBody> {
  if (!isJsonObject(body)) return { ok: false, messages: [NOT_A_JSON_OBJECT] };
  const errors = new FieldErrors();
  checkKnownKeys(body, ['room_resolved', 'url'], '', errors);
  const roomResolved = optionalBoolean(body, 'room_resolved', 'room_resolved', errors);
  const url = webhookUrl(body, errors);
  if (!errors.empty || url === undefined) return { ok: false, messages: errors.messages };
  return { ok: true, value: { room_resolved: roomResolved ?? false, url } };
}
