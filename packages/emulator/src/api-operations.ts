import type { ApiBase } from './api-authentication';
import { API_BASE_PATHS } from './api-authentication';
import type { ApiOperation } from './api-operation';
import { botMessageOperation } from './bot-message-endpoint';
import { broadcastLogOperation } from './broadcast-log-endpoint';
import { directBroadcastOperation } from './direct-broadcast-endpoint';
import type { EmulatorRoute } from './fault-injector';
import { healthOperation } from './health-endpoint';
import { integrationsOperation } from './integrations-endpoint';
import { messageInteractionsOperation } from './message-interactions-endpoint';
import { roomInteractionsOperation } from './room-interactions-endpoint';
import { templatesOperation } from './templates-endpoint';

/** Every Open API operation the emulator serves, each under both base paths. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  healthOperation,
  directBroadcastOperation,
  broadcastLogOperation,
  templatesOperation,
  integrationsOperation,
  botMessageOperation,
  messageInteractionsOperation,
  roomInteractionsOperation,
];

/** A request matched to an operation under one base path. */
export interface ApiMatch {
  readonly base: ApiBase;
  readonly operation: ApiOperation;
  readonly params: readonly string[];
  /** The route name its faults and stats go under. */
  readonly route: Exclude<EmulatorRoute, 'token' | 'revoke'>;
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
