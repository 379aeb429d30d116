import { successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { webhookSettingsWire } from './webhook-settings-wire';

/** `GET /v1/message_interactions`: the organization's webhook settings, as the `PUT` answers them. */
export const getMessageInteractionsOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/message_interactions$/,
  route: 'message-interactions-read',
  body: 'none',
  handle({ ctx }) {
    return successReply(200, webhookSettingsWire(ctx.records));
  },
};

/** `GET /v1/room_interactions`: the organization's webhook settings, as the `PUT` answers them. */
export const getRoomInteractionsOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/room_interactions$/,
  route: 'room-interactions-read',
  body: 'none',
  handle({ ctx }) {
    return successReply(200, webhookSettingsWire(ctx.records));
  },
};
