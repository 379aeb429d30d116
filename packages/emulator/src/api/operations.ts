import type { ApiBase } from '../auth/authenticate';
import { API_BASE_PATHS } from '../auth/authenticate';
import type { ApiOperation } from './operation';
import { botMessageOperation } from '../operations/messages/bot-message';
import { broadcastContactsOperation } from '../operations/broadcasts/broadcast-contacts';
import { broadcastLogOperation } from '../operations/broadcasts/broadcast-log';
import { broadcastOperation } from '../operations/broadcasts/broadcast';
import { broadcastsOperation } from '../operations/broadcasts/broadcasts';
import { contactListBroadcastOperation } from '../operations/broadcasts/contact-list-broadcast';
import { contactListCreateOperation } from '../operations/contacts/contact-list-create';
import { contactListOperation } from '../operations/contacts/contact-list';
import { contactListsOperation } from '../operations/contacts/contact-lists';
import { directBroadcastOperation } from '../operations/broadcasts/direct-broadcast';
import type { EmulatorRoute } from '../faults/fault-injector';
import { healthOperation } from '../operations/health';
import { integrationsOperation } from '../operations/catalog/integrations';
import { messageInteractionsOperation } from '../operations/webhook-settings/message-interactions';
import { roomInteractionsOperation } from '../operations/webhook-settings/room-interactions';
import { templatesOperation } from '../operations/catalog/templates';
import { agentMessageOperation } from '../operations/messages/agent-message';
import { interactiveMessageOperation } from '../operations/messages/interactive-message';
import { fileUploadOperation } from '../operations/files/file-upload';
import { roomOperation, roomsOperation } from '../operations/rooms/rooms';
import { roomHistoriesOperation } from '../operations/rooms/room-histories';
import { roomParticipantsOperation } from '../operations/rooms/room-participants';
import { resolveRoomOperation } from '../operations/rooms/room-resolve';
import { addRoomTagOperation, removeRoomTagOperation } from '../operations/rooms/room-tags';
import {
  assignableRoomAgentsOperation,
  assignRoomAgentOperation,
  takeOverRoomOperation,
  unassignRoomAgentOperation,
} from '../operations/rooms/room-agents';
import { markRoomAsReadOperation } from '../operations/rooms/room-mark-read';
import { usersOperation } from '../operations/users/users';
import { blockContactOperation, unblockContactOperation } from '../operations/contacts/contact-block';
import { templateOperation } from '../operations/catalog/template';
import { integrationOperation } from '../operations/catalog/integration';
import {
  getMessageInteractionsOperation,
  getRoomInteractionsOperation,
} from '../operations/webhook-settings/webhook-settings';

/** Every Open API operation the emulator serves, each under both base paths. */
const API_OPERATIONS: readonly ApiOperation[] = [
  healthOperation,
  directBroadcastOperation,
  broadcastLogOperation,
  templatesOperation,
  integrationsOperation,
  botMessageOperation,
  messageInteractionsOperation,
  roomInteractionsOperation,
  agentMessageOperation,
  interactiveMessageOperation,
  fileUploadOperation,
  roomsOperation,
  roomOperation,
  roomHistoriesOperation,
  roomParticipantsOperation,
  resolveRoomOperation,
  addRoomTagOperation,
  removeRoomTagOperation,
  assignableRoomAgentsOperation,
  assignRoomAgentOperation,
  unassignRoomAgentOperation,
  takeOverRoomOperation,
  markRoomAsReadOperation,
  usersOperation,
  blockContactOperation,
  unblockContactOperation,
  templateOperation,
  integrationOperation,
  getMessageInteractionsOperation,
  getRoomInteractionsOperation,
  contactListCreateOperation,
  contactListsOperation,
  contactListOperation,
  contactListBroadcastOperation,
  broadcastsOperation,
  broadcastOperation,
  broadcastContactsOperation,
];

/** A request matched to an operation under one base path. */
export interface ApiMatch {
  readonly base: ApiBase;
  readonly operation: ApiOperation;
  readonly params: readonly string[];
  /** The route name its faults and stats go under. */
  readonly route: Exclude<EmulatorRoute, 'token' | 'revoke' | 'uploaded-file'>;
}

const BASES: readonly ApiBase[] = ['open', 'gateway'];

function decodeAll(values: readonly (string | undefined)[]): string[] | undefined {
  try {
    return values.map((value) => decodeURIComponent(value ?? ''));
  } catch {
    return undefined;
  }
}

/** The operation `method pathname` asks for (trailing slashes already removed), or `undefined`. */
export function matchApiRequest(method: string | undefined, pathname: string): ApiMatch | undefined {
  for (const base of BASES) {
    const prefix = API_BASE_PATHS[base];
    if (!pathname.startsWith(`${prefix}/`)) continue;
    const rest = pathname.slice(prefix.length);
    for (const operation of API_OPERATIONS) {
      if (operation.method !== method) continue;
      const match = operation.path.exec(rest);
      if (!match) continue;
      const params = decodeAll(match.slice(1));
      if (params === undefined) return undefined;
      const route = base === 'gateway' && operation.gatewayRoute ? operation.gatewayRoute : operation.route;
      return { base, operation, params, route };
    }
  }
  return undefined;
}
