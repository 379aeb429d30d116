import type { ApiCall } from '../../api/operation';
import type { CatalogIntegration, CatalogTemplate } from '../../state/catalog';
import { sentByBot, whatsappMessageId } from '../../state/rooms';
import type { BroadcastRecord } from '../../state/sent-records';
import { renderedBody } from './broadcast-wire';

/**
 * Sends a broadcast's message to its one recipient at `now`: into the recipient's room on the integration
 * (opened as a `campaign` room when there is none), whose statuses are then delivered as `status_message`
 * and `broadcast_log_status` when registered.
 */
export function deliverBroadcast(
  ctx: ApiCall['ctx'],
  record: BroadcastRecord,
  template: CatalogTemplate,
  integration: CatalogIntegration,
  now: number,
): void {
  const { to_number, to_name } = record.request;
  const room = ctx.rooms.roomOf(integration, to_number, to_name, 'campaign', now);
  const message = ctx.rooms.add(room, {
    ...sentByBot(room),
    type: 'text',
    text: renderedBody(record, template),
    file: null,
    isCampaign: true,
    localId: null,
    createdAtMs: now,
    externalId: whatsappMessageId(record.logEntryId),
  });
  ctx.outbox.broadcastSent(room, message, record);
}
