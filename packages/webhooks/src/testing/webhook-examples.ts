// Qontak-shaped webhook bodies, after the examples of Qontak's documentation (Message-Interaction.md):
// the older payloads as documented, the newer ones with webhook_event and data_event added.
import type { QontakWebhookEvent, QontakWebhookEventName } from '../qontak-webhook-event';

/** The room inside a message event, as documented. */
const ROOM = {
  id: 'e658411a-99aa-417d-8c6f-40e1594554a7',
  name: 'Burhanudin',
  description: '',
  status: 'unassigned',
  type: 'Models::CustomerServiceRoom',
  tags: [],
  channel: 'wa',
  channel_account: 'Qontak',
  organization_id: '5c8521e5-5978-4817-9ceb-ae1710d676c9',
  account_uniq_id: '628117661000',
  channel_integration_id: 'b3a2ee0b-7dac-47b8-a115-7bc63abf8f15',
  session: 'open',
  session_at: '2021-03-03T22:53:29.000Z',
  unread_count: 2,
  created_at: '2021-03-03T22:36:08.196Z',
  updated_at: '2021-03-03T22:36:08.196Z',
  avatar: null,
  resolved_at: null,
  external_id: null,
  resolved_by_id: null,
  resolved_by_type: null,
};

/** A customer's message, as the older documentation shows it (no webhook_event, no data_event). */
export const LEGACY_CUSTOMER_MESSAGE = {
  id: '4198c4b2-d39d-45b5-ac9c-89bccb9513ec',
  type: 'text',
  room_id: ROOM.id,
  is_campaign: false,
  sender_id: '9c682ecf-6149-4d23-b6ae-d3c872194d58',
  sender_type: 'Models::Contact',
  sender: { name: 'Burhanudin', avatar: null },
  participant_id: '64c4be1f-916b-4e5e-a8cd-52ec2cbb082f',
  organization_id: ROOM.organization_id,
  text: 'helo',
  status: 'created',
  participant_type: 'customer',
  external_id: 'ABEGYoEXZhAAAgo-sInteMYC-oMQ',
  local_id: null,
  created_at: '2021-03-03T22:53:29.000Z',
  reply: null,
  room: ROOM,
};

/** An agent's message whose status changed, as the older documentation shows it. */
export const LEGACY_AGENT_MESSAGE = {
  id: 'd27cc7ac-8281-438d-9cea-e74e627cea32',
  type: 'text',
  room_id: ROOM.id,
  is_campaign: false,
  sender_id: '84d627bf-3f71-48de-bd4d-b623ad19857a',
  sender_type: 'Models::User',
  sender: {
    name: 'Agent One',
    avatar: {
      url: 'https://qontak-hub-production.s3-ap-southeast-1.amazonaws.com/assets/qi-user.png',
      filename: null,
      size: 0,
    },
  },
  participant_id: '8c10c529-360d-4880-90bf-85ccf51160a6',
  organization_id: ROOM.organization_id,
  text: 'ada yang bisa dibantu?',
  status: 'read',
  participant_type: 'agent',
  external_id: 'gBEGYoEXZhAAAglXDyY42p1Do6I',
  local_id: null,
  created_at: '2021-03-03T23:00:33.492Z',
  reply: null,
  room: { ...ROOM, status: 'assigned', unread_count: 0 },
};

/** A customer's message, as Qontak sends it now. */
export const CUSTOMER_MESSAGE = {
  ...LEGACY_CUSTOMER_MESSAGE,
  webhook_event: 'message_interaction' as const,
  data_event: 'receive_message_from_customer' as const,
};

/** An agent's message, as Qontak sends it now. */
export const AGENT_MESSAGE = {
  ...LEGACY_AGENT_MESSAGE,
  status: 'created',
  webhook_event: 'message_interaction' as const,
  data_event: 'receive_message_from_agent' as const,
};

/** A new status of an agent's message. */
export const STATUS_MESSAGE = {
  ...LEGACY_AGENT_MESSAGE,
  webhook_event: 'message_interaction' as const,
  data_event: 'status_message' as const,
};

/** A new status of a broadcast's delivery to one number. */
export const BROADCAST_LOG_STATUS = {
  webhook_event: 'message_interaction' as const,
  data_event: 'broadcast_log_status' as const,
  id: '6d1c7a52-1a35-4b7e-9d0e-93f1f1d4f0a1',
  messages_broadcast_id: 'a9fb2a77-62da-4100-a770-6f6fc8bc36de',
  organization_id: ROOM.organization_id,
  channel_integration_id: ROOM.channel_integration_id,
  contact_phone_number: '6281234567890',
  contact_full_name: 'Rina',
  status: 'delivered',
  whatsapp_message_id: 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQ5',
  whatsapp_error_message: null,
  messages_response: { messages: [{ id: 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQ5' }] },
  created_at: '2021-03-03T23:06:36.452Z',
};

/** A room resolved (the shape is inferred: no public example exists). */
export const ROOM_RESOLVED = {
  ...ROOM,
  status: 'resolved',
  resolved_at: '2021-03-04T01:00:00.000Z',
  resolved_by_id: '84d627bf-3f71-48de-bd4d-b623ad19857a',
  resolved_by_type: 'Models::User',
  updated_at: '2021-03-04T01:00:00.000Z',
  webhook_event: 'room_interaction' as const,
  data_event: 'room_resolved' as const,
};

/** Every event of the newer payloads, by its data_event. */
export const EVENTS = [
  ['receive_message_from_customer', CUSTOMER_MESSAGE],
  ['receive_message_from_agent', AGENT_MESSAGE],
  ['status_message', STATUS_MESSAGE],
  ['broadcast_log_status', BROADCAST_LOG_STATUS],
  ['room_resolved', ROOM_RESOLVED],
] as const;

/** The event of one `data_event`. */
export type QontakWebhookEventOf<Name extends QontakWebhookEventName> = Extract<
  QontakWebhookEvent,
  { data_event?: Name }
>;

const EXAMPLES: { readonly [Name in QontakWebhookEventName]: QontakWebhookEventOf<Name> } = {
  receive_message_from_customer: CUSTOMER_MESSAGE,
  receive_message_from_agent: AGENT_MESSAGE,
  status_message: STATUS_MESSAGE,
  broadcast_log_status: BROADCAST_LOG_STATUS,
  room_resolved: ROOM_RESOLVED,
};

/**
 * A Qontak-shaped example of the event `name`, after the examples of Qontak's documentation, with
 * `overrides` on top: what to POST to your own webhook route in a test, or to give your `onEvent`
 * (`qontakWebhookExample('receive_message_from_customer', { text: 'menu' })`). A new copy every call.
 */
export function qontakWebhookExample<Name extends QontakWebhookEventName>(
  name: Name,
  overrides: Partial<QontakWebhookEventOf<Name>> = {},
): QontakWebhookEventOf<Name> {
  return { ...structuredClone(EXAMPLES[name]), ...overrides };
}
