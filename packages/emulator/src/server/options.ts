import type {
  CatalogIntegration,
  CatalogTemplate,
  EmulatorIntegration,
  EmulatorTemplate,
} from '../state/catalog';
import { resolveIntegrations, resolveTemplates } from '../state/catalog';
import { CONTACT_LIST_PROCESSING_MS } from '../state/contact-lists';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
} from '../state/seed-credentials';
import { SEED_INTEGRATIONS, SEED_TEMPLATES } from '../state/seed-catalog';
import type { EmulatorMessageStatusTimings, StatusTimings } from '../state/message-status';
import { resolveStatusTimings } from '../state/message-status';
import type { EmulatorWebhookDeliveryOptions, WebhookDeliverySettings } from '../webhooks/delivery-options';
import { resolveWebhookDelivery } from '../webhooks/delivery-options';
import { integerOption, MAX_TIMER_MS } from './integer-option';

/** Doorkeeper's default access token lifetime, in seconds (2 hours). */
const DEFAULT_TOKEN_TTL_SECONDS = 7200;

/** The default request body limit: 1 MiB. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** How many accepted broadcasts and bot messages are kept by default (each kind). */
const DEFAULT_MAX_RECORDS = 1000;

/** A resource owner the password grant accepts. */
export interface EmulatorUser {
  username: string;
  password: string;
}

/** An OAuth client (Doorkeeper "application") the token and revoke endpoints accept. */
export interface EmulatorClient {
  clientId: string;
  clientSecret: string;
}

/** A Mekari API gateway HMAC client (id and secret from Mekari's developer portal) the gateway route accepts. */
export interface EmulatorHmacClient {
  clientId: string;
  clientSecret: string;
}

/** When a refresh grant revokes the pair it replaced. */
export type RefreshRotation = 'on-first-use' | 'immediate';

/** Options of {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port to listen on. Default `0`: a free port chosen by the OS (read it from `emulator.port`). */
  port?: number;
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /** Lifetime of issued access tokens, in whole seconds (`0` issues already-expired tokens). Default `7200`. */
  tokenTtlSeconds?: number;
  /** Users the password grant accepts. Default `[{ username: DEMO_USERNAME, password: DEMO_PASSWORD }]`. */
  users?: EmulatorUser[];
  /**
   * Static access tokens, as copied from the Qontak dashboard: every bearer API route accepts them, they
   * never expire, and `POST /oauth/revoke` (with valid client credentials) or `emulator.revokeAll()` revokes
   * them until `emulator.reset()`. Each is a non-empty string of visible ASCII without spaces.
   * Default `[DEMO_ACCESS_TOKEN]`; `[]` accepts none.
   */
  accessTokens?: string[];
  /** Clients the token endpoint accepts. Default `[{ clientId: FULFILLMENT_CLIENT_ID, clientSecret: FULFILLMENT_CLIENT_SECRET }]`. */
  clients?: EmulatorClient[];
  /**
   * Refresh-token rotation. Default `'on-first-use'` (Doorkeeper's default,
   * `refresh_token_revoked_on_use`): the old access and refresh token stay valid until the NEW access
   * token is first used on the API. `'immediate'` revokes the old pair as soon as it is refreshed.
   */
  refreshRotation?: RefreshRotation;
  /**
   * HMAC clients the Mekari API gateway's routes (`/qontak/chat/...`) accept.
   * Default `[{ clientId: DEMO_HMAC_CLIENT_ID, clientSecret: DEMO_HMAC_CLIENT_SECRET }]`.
   */
  hmacClients?: EmulatorHmacClient[];
  /**
   * Clock in milliseconds since the epoch: token expiry, every `created_at`, the HMAC routes' 300 s `Date`
   * window, the delivery log's statuses and the times of webhook attempts are judged on it (webhook events
   * themselves are sent on real timers). Default `Date.now`.
   */
  clock?: () => number;
  /**
   * Largest accepted request body, in bytes (multipart included); a larger body gets 400 `invalid_request`
   * on the token and revoke endpoints and 413 in Qontak's error envelope on the API. Default 1 MiB.
   */
  maxBodyBytes?: number;
  /**
   * Serves the HTTP control API under `/_emulator/` (stats, what was sent, reset, revocations, faults; see
   * the README), for an emulator run from its CLI or in another process. Only on a loopback host, and only
   * for requests whose `Host` is loopback. Default `false`.
   */
  controlApi?: boolean;
  /**
   * How many accepted direct broadcasts and bot messages are kept (each kind) for `emulator.sent()`,
   * `emulator.botMessages()` and the delivery log; older ones are dropped, oldest first, and so are
   * they once their bodies pass 16 MiB together (the newest is always kept). A positive integer.
   * Default `1000`. It also bounds the rooms, their messages, the contacts, the uploaded files, the contact
   * lists and the broadcasts to contact lists kept.
   */
  maxRecords?: number;
  /**
   * Rooms the emulator opens at start and again on `reset()`: that many customers (numbers
   * `6289000000001`, `6289000000002`, ..., named `Customer 1`, `Customer 2`, ...) each wrote one message
   * on the first WhatsApp integration, so `GET /v1/rooms` has that many `unassigned` rooms. An integer
   * from 0 to `maxRecords`. Default `0`.
   */
  seedRooms?: number;
  /**
   * The organization's WhatsApp templates (`GET /v1/templates/whatsapp`, and what a direct broadcast may
   * send). Default: three seeded templates, `DEMO_TEMPLATE_ID`, `DEMO_IMAGE_TEMPLATE_ID` and
   * `DEMO_PLAIN_TEMPLATE_ID`.
   */
  templates?: EmulatorTemplate[];
  /**
   * The organization's channel integrations (`GET /v1/integrations`, and what a direct broadcast may go
   * through: `wa_cloud` or `wa` ones). Default: `DEMO_CHANNEL_INTEGRATION_ID` and
   * `DEMO_SUPPORT_CHANNEL_INTEGRATION_ID` on `wa_cloud`, `DEMO_WA_CHANNEL_INTEGRATION_ID` on `wa`.
   */
  integrations?: EmulatorIntegration[];
  /**
   * When a message sent to a customer (a direct broadcast's, the bot's) reads `sent`, `delivered` and
   * `read`: in the broadcast's delivery log (on `clock`), and as the `status_message` and
   * `broadcast_log_status` webhook events (on real timers). Default 1 s, 3 s and 5 s.
   */
  messageStatusAfterMs?: EmulatorMessageStatusTimings;
  /**
   * How long an uploaded contact list reads `progress: processing` (on `clock`) before `success` or
   * `failed`: an integer from 0 to 2147483647 milliseconds. Default 1000 (1 s).
   */
  contactListProcessingMs?: number;
  /** How webhook events are POSTed: attempts, backoff, time limit, concurrency, queue and body bounds. */
  webhookDelivery?: EmulatorWebhookDeliveryOptions;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  port: number;
  host: string;
  tokenTtlSeconds: number;
  users: EmulatorUser[];
  accessTokens: string[];
  clients: EmulatorClient[];
  hmacClients: EmulatorHmacClient[];
  refreshRotation: RefreshRotation;
  clock: () => number;
  maxBodyBytes: number;
  maxRecords: number;
  seedRooms: number;
  controlApi: boolean;
  templates: CatalogTemplate[];
  integrations: CatalogIntegration[];
  statusTimings: StatusTimings;
  contactListProcessingMs: number;
  webhookDelivery: WebhookDeliverySettings;
}

/** True for a string an access token can be: visible ASCII, no spaces, not empty. */
export function isAccessToken(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]+$/.test(value);
}

/**
 * Applies the defaults and validates the options.
 * @throws {RangeError} when a number (also of `messageStatusAfterMs` and `webhookDelivery`) is out of range
 *   or `refreshRotation` is unknown.
 * @throws {TypeError} when `clock` is not a function, `controlApi` not a boolean, a user / client / HMAC client / template / integration
 *   entry is incomplete (or a template or integration id repeats), or an access token is not a non-empty
 *   string of visible ASCII.
 */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const port = integerOption('port', options.port ?? 0, 0, 65_535);
  const tokenTtlSeconds = integerOption(
    'tokenTtlSeconds',
    options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    0,
  );
  const maxBodyBytes = integerOption('maxBodyBytes', options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 1);
  const maxRecords = integerOption('maxRecords', options.maxRecords ?? DEFAULT_MAX_RECORDS, 1);
  const seedRooms = integerOption('seedRooms', options.seedRooms ?? 0, 0, maxRecords);
  const controlApi = options.controlApi ?? false;
  if (typeof controlApi !== 'boolean') {
    throw new TypeError(`@qontak/emulator: controlApi must be a boolean, got ${typeof controlApi}`);
  }
  const refreshRotation = options.refreshRotation ?? 'on-first-use';
  if (refreshRotation !== 'on-first-use' && refreshRotation !== 'immediate') {
    throw new RangeError(
      `@qontak/emulator: refreshRotation must be 'on-first-use' or 'immediate', got ${String(refreshRotation)}`,
    );
  }
  const clock = options.clock ?? Date.now;
  if (typeof clock !== 'function') {
    throw new TypeError('@qontak/emulator: clock must be a function returning milliseconds since the epoch');
  }
  const users = (options.users ?? [{ username: DEMO_USERNAME, password: DEMO_PASSWORD }]).map((user, i) => {
    if (typeof user?.username !== 'string' || typeof user.password !== 'string') {
      throw new TypeError(`@qontak/emulator: users[${i}] needs a string username and password`);
    }
    return { username: user.username, password: user.password };
  });
  const accessTokens = (options.accessTokens ?? [DEMO_ACCESS_TOKEN]).map((token, i) => {
    if (!isAccessToken(token)) {
      throw new TypeError(
        `@qontak/emulator: accessTokens[${i}] must be a non-empty string of visible ASCII without spaces`,
      );
    }
    return token;
  });
  const clients = (
    options.clients ?? [{ clientId: FULFILLMENT_CLIENT_ID, clientSecret: FULFILLMENT_CLIENT_SECRET }]
  ).map((client, i) => {
    if (typeof client?.clientId !== 'string' || typeof client.clientSecret !== 'string') {
      throw new TypeError(`@qontak/emulator: clients[${i}] needs a string clientId and clientSecret`);
    }
    return { clientId: client.clientId, clientSecret: client.clientSecret };
  });
  const hmacClients = (
    options.hmacClients ?? [{ clientId: DEMO_HMAC_CLIENT_ID, clientSecret: DEMO_HMAC_CLIENT_SECRET }]
  ).map((client, i) => {
    if (
      typeof client?.clientId !== 'string' ||
      client.clientId === '' ||
      typeof client.clientSecret !== 'string' ||
      client.clientSecret === ''
    ) {
      throw new TypeError(
        `@qontak/emulator: hmacClients[${i}] needs a non-empty string clientId and clientSecret`,
      );
    }
    return { clientId: client.clientId, clientSecret: client.clientSecret };
  });
  return {
    port,
    host: options.host ?? '127.0.0.1',
    tokenTtlSeconds,
    users,
    accessTokens,
    clients,
    hmacClients,
    refreshRotation,
    clock,
    maxBodyBytes,
    maxRecords,
    seedRooms,
    controlApi,
    templates: resolveTemplates(options.templates ?? SEED_TEMPLATES),
    integrations: resolveIntegrations(options.integrations ?? SEED_INTEGRATIONS),
    statusTimings: resolveStatusTimings(options.messageStatusAfterMs),
    contactListProcessingMs: integerOption(
      'contactListProcessingMs',
      options.contactListProcessingMs ?? CONTACT_LIST_PROCESSING_MS,
      0,
      MAX_TIMER_MS,
    ),
    webhookDelivery: resolveWebhookDelivery(options.webhookDelivery),
  };
}
