import type { SentRecords } from '../../state/sent-records';

/**
 * The organization's webhook settings as Qontak renders them after a registration: per event
 * `{ enabled, webhooks: [{ id, event, url }] }`.
 */
export function webhookSettingsWire(records: SentRecords): Record<string, unknown> {
  const { messageInteractions: message, roomInteractions: room } = records.webhooks();
  const ids = records.webhookIds();
  const messageHooks =
    message === null ? [] : [{ id: ids.messageInteractions, event: 'message_interaction', url: message.url }];
  const roomHooks =
    room === null ? [] : [{ id: ids.roomInteractions, event: 'room_interaction', url: room.url }];
  const event = (enabled: boolean, webhooks: readonly Record<string, unknown>[]) => ({
    enabled,
    webhooks: webhooks.map((hook) => ({ ...hook })),
  });
  return {
    receive_message_from_agent: event(message?.receive_message_from_agent ?? false, messageHooks),
    receive_message_from_customer: event(message?.receive_message_from_customer ?? false, messageHooks),
    status_message: event(message?.status_message ?? false, messageHooks),
    broadcast_log_status: event(message?.broadcast_log_status ?? false, messageHooks),
    room_resolved: event(room?.room_resolved ?? false, roomHooks),
  };
}
