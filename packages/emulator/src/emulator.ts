import { demoEnvironment, type EmulatorDemoScheme } from './demo-env';
import type { EmulatorFaults } from './faults/fault-injector';
import { FaultInjector } from './faults/fault-injector';
import type { EmulatorContext } from './server/context';
import type { EmulatorOptions } from './server/options';
import { resolveOptions } from './server/options';
import { startServer } from './server/server';
import { Catalog } from './state/catalog';
import { ContactLists } from './state/contact-lists';
import { Contacts } from './state/contacts';
import { ListBroadcasts } from './state/list-broadcasts';
import { Rooms } from './state/rooms';
import type { EmulatorWebhooks, SentBotMessage, SentBroadcast } from './state/sent-records';
import { SentRecords } from './state/sent-records';
import type { EmulatorStats } from './state/stats';
import { StatsRecorder } from './state/stats';
import { TokenRegistry } from './state/token-registry';
import { Uploads } from './state/uploads';
import type { EmulatorCustomerMessage, EmulatorInboundMessage } from './webhooks/customer-message';
import { receiveCustomerMessage } from './webhooks/customer-message';
import { resolveRoom } from './webhooks/resolve-room';
import type { EmulatorWebhookDelivery, EmulatorWebhookTrigger } from './webhooks/webhook-delivery';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookOutbox } from './webhooks/webhook-outbox';

/** A running emulator, returned by {@link startEmulator}. */
export interface QontakEmulator {
  /** Base URL without a trailing slash, e.g. `'http://127.0.0.1:45678'`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /**
   * Stops listening and destroys every open socket (keep-alive, hung requests), and cancels every webhook
   * delivery under way and every broadcast to a contact list still to be sent (nothing is POSTed afterwards,
   * no timer is left); resolves when closed. Idempotent.
   */
  close(): Promise<void>;
  /** A snapshot copy of the counters. */
  stats(): EmulatorStats;
  /** Copies of the accepted direct broadcasts, oldest first (at most `maxRecords`). */
  sent(): SentBroadcast[];
  /** Copies of the accepted bot messages, oldest first (at most `maxRecords`). */
  botMessages(): SentBotMessage[];
  /** Copies of the message- and room-interactions webhook registrations (`null` until registered). */
  webhooks(): EmulatorWebhooks;
  /**
   * A customer's WhatsApp message arrives: it goes into the customer's room on the channel integration
   * (opened, `unassigned`, when there is none; opened again when it was resolved or a campaign's), and
   * `receive_message_from_customer` is POSTed to the message webhook when registered with that flag on.
   * @returns the room and message ids (answer with `room_id: roomId`) and the delivery's outcome.
   * @throws {TypeError | RangeError} for a message that is not as {@link EmulatorCustomerMessage} says, or
   *   from a customer blocked with `POST /v1/contact_block`.
   */
  receiveCustomerMessage(message: EmulatorCustomerMessage): EmulatorInboundMessage;
  /**
   * Resolves a room (`status: resolved`, `resolved_at` now), and POSTs `room_resolved` to the room
   * webhook when registered with that flag on.
   * @throws {RangeError} for a room the emulator does not know (or no longer keeps), or one already resolved.
   */
  resolveRoom(roomId: string): EmulatorWebhookTrigger;
  /**
   * Copies of every webhook delivery attempt, oldest first (the newest `maxRecords`): the URL without its
   * query, the status or error, the attempt number, the event, the time.
   */
  webhookDeliveries(): EmulatorWebhookDelivery[];
  /**
   * Forgets every issued token, counter, pending fault, sent broadcast, bot message, webhook registration,
   * room (opening the `seedRooms` again), contact block, uploaded file, contact list, broadcast to a contact
   * list (cancelling those still to be sent) and webhook delivery (cancelling those under way), and restores
   * the static access tokens.
   */
  reset(): void;
  /** Revokes every issued access and refresh token and every static access token. */
  revokeAll(): void;
  /**
   * The environment variables that point `authFromEnv()` of `@qontak/auth-core` at this emulator with
   * one of its own credentials: `'password'` (`QONTAK_BASE_URL`, `QONTAK_USERNAME`, `QONTAK_PASSWORD`,
   * `QONTAK_CLIENT_ID`, `QONTAK_CLIENT_SECRET`), `'access-token'` (`QONTAK_BASE_URL`,
   * `QONTAK_ACCESS_TOKEN`) or `'mekari-hmac'` (`MEKARI_BASE_URL`, `MEKARI_CLIENT_ID`, `MEKARI_CLIENT_SECRET`).
   * @throws {RangeError} for an unknown scheme, or one the emulator has no credential of.
   */
  demoEnv(scheme: EmulatorDemoScheme): Record<string, string>;
  /** Fault injection, per route. */
  readonly faults: EmulatorFaults;
}

/**
 * Starts a local, Doorkeeper-faithful Qontak Chat API on `node:http` with no dependencies:
 * `POST /oauth/token` (password and refresh-token grants) and `POST /oauth/revoke`, and the Open API
 * operations of the README's table under `/api/open` with a bearer (issued or static access token) and
 * under `/qontak/chat` with the Mekari API gateway's HMAC signature; it POSTs webhook events to the URLs
 * registered with `PUT /v1/message_interactions` and `PUT /v1/room_interactions`.
 *
 * @param options see {@link EmulatorOptions}; every field has a default.
 * Bound to an address that is not loopback (e.g. `host: '0.0.0.0'`), it warns once per process on stderr
 * (`process.emitWarning`, code `QONTAK_EMULATOR_PUBLIC_BIND`): it then serves the public demo credentials
 * to whoever reaches it, who can also have it POST webhook events to any URL.
 * @returns the running emulator once it listens.
 * @throws {RangeError | TypeError} for invalid options, or `controlApi` on a host that is not loopback;
 *   rejects when the server cannot listen (e.g. `EADDRINUSE`).
 */
export async function startEmulator(options?: EmulatorOptions): Promise<QontakEmulator> {
  const resolved = resolveOptions(options);
  const stats = new StatsRecorder();
  const registry = new TokenRegistry(
    resolved.tokenTtlSeconds,
    resolved.refreshRotation,
    resolved.clock,
    resolved.accessTokens,
  );
  const contacts = new Contacts(resolved.maxRecords);
  const records = new SentRecords(resolved.maxRecords, contacts);
  const rooms = new Rooms(resolved.maxRecords, contacts);
  const uploads = new Uploads(resolved.maxRecords);
  const catalog = new Catalog(resolved.templates, resolved.integrations);
  const faults = new FaultInjector();
  const dispatcher = new WebhookDispatcher(resolved.webhookDelivery, resolved.clock, resolved.maxRecords);
  const outbox = new WebhookOutbox(records, rooms, dispatcher, {
    clock: resolved.clock,
    statusTimings: resolved.statusTimings,
    maxQueued: resolved.webhookDelivery.maxQueued,
  });
  const contactLists = new ContactLists(resolved.maxRecords, resolved.contactListProcessingMs);
  const listBroadcasts = new ListBroadcasts(resolved.maxRecords);
  const ctx: EmulatorContext = {
    options: resolved,
    registry,
    stats,
    catalog,
    records,
    contacts,
    rooms,
    uploads,
    outbox,
    contactLists,
    listBroadcasts,
  };
  const inbound = (message: EmulatorCustomerMessage) => receiveCustomerMessage(ctx, message);
  function seedRooms(): void {
    for (let n = 1; n <= resolved.seedRooms; n++) {
      inbound({ from: String(6289000000000 + n), name: `Customer ${n}`, text: 'Halo' });
    }
  }
  function reset(): void {
    dispatcher.reset();
    registry.clear();
    stats.reset();
    faults.clear();
    records.clear();
    rooms.clear();
    contacts.clear();
    uploads.clear();
    contactLists.clear();
    listBroadcasts.clear();
    seedRooms();
  }
  seedRooms();
  const deliveries = () => dispatcher.deliveries();
  const server = await startServer(ctx, {
    registry,
    stats,
    records,
    faults,
    reset,
    receiveCustomerMessage: inbound,
    webhookDeliveries: deliveries,
  });
  uploads.serveAt(server.url);

  return {
    url: server.url,
    port: server.port,
    faults,
    close() {
      dispatcher.close();
      listBroadcasts.close();
      return server.close();
    },
    stats: () => stats.snapshot(),
    sent: () => records.sent(),
    botMessages: () => records.botMessages(),
    webhooks: () => records.webhooks(),
    receiveCustomerMessage: inbound,
    resolveRoom: (roomId) => resolveRoom(ctx, roomId),
    webhookDeliveries: deliveries,
    reset,
    revokeAll() {
      registry.revokeAll();
    },
    demoEnv: (scheme) => demoEnvironment(scheme, server.url, resolved),
  };
}
