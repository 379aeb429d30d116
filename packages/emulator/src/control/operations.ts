import type { EmulatorFault, EmulatorRoute, FaultInjector } from '../faults/fault-injector';
import { echoed } from '../server/echoed-value';
import { isJsonObject, NOT_A_JSON_OBJECT } from '../server/json';
import type { Reply } from '../server/reply';
import { jsonReply } from '../server/reply';
import type { SentRecords } from '../state/sent-records';
import type { StatsRecorder } from '../state/stats';
import type { TokenRegistry } from '../state/token-registry';
import type { EmulatorCustomerMessage, EmulatorInboundMessage } from '../webhooks/customer-message';
import type { EmulatorWebhookDelivery } from '../webhooks/webhook-delivery';

/** What the control API acts on: the emulator's own state, as its programmatic controls see it. */
export interface EmulatorControls {
  readonly registry: TokenRegistry;
  readonly stats: StatsRecorder;
  readonly records: SentRecords;
  readonly faults: FaultInjector;
  /** `emulator.reset()`. */
  reset(): void;
  /** `emulator.receiveCustomerMessage(message)`. */
  receiveCustomerMessage(message: EmulatorCustomerMessage): EmulatorInboundMessage;
  /** `emulator.webhookDeliveries()`. */
  webhookDeliveries(): EmulatorWebhookDelivery[];
}

/** The methods the control API takes. */
export type ControlMethod = 'GET' | 'POST' | 'DELETE';

/** One control operation: gets the parsed JSON body (`undefined` for GET), answers a JSON object. */
type ControlHandler = (controls: EmulatorControls, body: unknown) => Reply | Promise<Reply>;

/** A control API error answer: `{ error, message }`. */
export function controlError(
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): Reply {
  return jsonReply(status, { error, message }, headers);
}

const invalid = (message: string): Reply => controlError(422, 'invalid_request', message);

/** `POST /revoke`: `{ token }`, `{ username }` or `{ all: true }`; answers `{ revoked }`, the count newly revoked. */
function revoke({ registry }: EmulatorControls, body: unknown): Reply {
  if (!isJsonObject(body)) return invalid(NOT_A_JSON_OBJECT);
  const given = (['token', 'username', 'all'] as const).filter((key) => body[key] !== undefined);
  const [only] = given;
  if (given.length !== 1 || only === undefined) {
    return invalid('give exactly one of token, username or all: true');
  }
  const value = body[only];
  if (only === 'all') {
    if (value !== true) return invalid('all must be true');
    return jsonReply(200, { revoked: registry.revokeAll() });
  }
  if (typeof value !== 'string' || value === '') return invalid(`${only} must be a non-empty string`);
  return jsonReply(200, { revoked: only === 'token' ? registry.revoke(value) : registry.revokeUser(value) });
}

function pendingFaults({ faults }: EmulatorControls): Reply {
  return jsonReply(200, { pending: faults.pending(), routes: faults.pendingByRoute() });
}

/** `POST /faults`: `{ route, fault, times? }`, as `emulator.faults.inject(route, fault, times)`; answers 201. */
function injectFault({ faults }: EmulatorControls, body: unknown): Reply {
  if (!isJsonObject(body)) return invalid(NOT_A_JSON_OBJECT);
  const { route, fault, times } = body;
  try {
    faults.inject(
      route as EmulatorRoute,
      fault as EmulatorFault,
      times === undefined ? 1 : (times as number),
    );
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) return invalid(error.message);
    throw error;
  }
  return jsonReply(201, { pending: faults.pending(), routes: faults.pendingByRoute() });
}

/** The fields of `POST /inbound` besides `wait`: those of an {@link EmulatorCustomerMessage}. */
const INBOUND_FIELDS = ['from', 'name', 'text', 'channelIntegrationId'];

/**
 * `POST /inbound`: `{ from, text, name?, channelIntegrationId?, wait? }`, as
 * `emulator.receiveCustomerMessage(...)`; answers 201 `{ roomId, messageId }`, with `delivery` (the
 * outcome) once the delivery is over when `wait` is true.
 */
async function inbound(controls: EmulatorControls, body: unknown): Promise<Reply> {
  if (!isJsonObject(body)) return invalid(NOT_A_JSON_OBJECT);
  const { wait, ...message } = body;
  if (wait !== undefined && typeof wait !== 'boolean') return invalid('wait must be a boolean');
  const unknown = Object.keys(message).filter((key) => !INBOUND_FIELDS.includes(key));
  if (unknown.length > 0) return invalid(`${echoed(unknown[0])} is not a field of an inbound message`);
  let received: EmulatorInboundMessage;
  try {
    received = controls.receiveCustomerMessage(message as unknown as EmulatorCustomerMessage);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) return invalid(error.message);
    throw error;
  }
  const { roomId, messageId } = received;
  return jsonReply(
    201,
    wait ? { roomId, messageId, delivery: await received.delivery } : { roomId, messageId },
  );
}

function clearFaults({ faults }: EmulatorControls): Reply {
  faults.clear();
  return jsonReply(200, { pending: 0, routes: {} });
}

/**
 * The control API's operations by path (under `/_emulator`) and method. Adding an operation is one
 * more entry here.
 */
export const CONTROL_ROUTES: Readonly<
  Record<string, Readonly<Partial<Record<ControlMethod, ControlHandler>>>>
> = {
  '/stats': { GET: ({ stats }) => jsonReply(200, { ...stats.snapshot() }) },
  '/sent': {
    GET: ({ records }) =>
      jsonReply(200, {
        broadcasts: records.sent(),
        botMessages: records.botMessages(),
        webhooks: records.webhooks(),
      }),
  },
  '/reset': {
    POST: (controls) => {
      controls.reset();
      return jsonReply(200, { reset: true });
    },
  },
  '/revoke': { POST: revoke },
  '/faults': { GET: pendingFaults, POST: injectFault, DELETE: clearFaults },
  '/inbound': { POST: inbound },
  '/webhook-deliveries': {
    GET: ({ webhookDeliveries }) => jsonReply(200, { deliveries: webhookDeliveries() }),
  },
};
