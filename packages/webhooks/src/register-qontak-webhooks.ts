import type { components, paths } from './generated/qontak-open-api';
import { configError, QontakWebhookError, QontakWebhookErrorCode } from './qontak-webhook-error';
import { SECRET_PARAMETER } from './webhook-secret';
import { withoutSecret } from './without-secret';

type SettingsPath = '/v1/message_interactions' | '/v1/room_interactions';
type SettingsBody<Path extends SettingsPath> =
  paths[Path]['put']['requestBody']['content']['application/json'];
type WebhookSettings = components['schemas']['WebhookSettings'];

/** What a call of {@link QontakWebhookSettingsClient.PUT} resolves to (`openapi-fetch`'s shape). */
export interface QontakWebhookSettingsAnswer {
  /** Qontak's answer on success: `{ status: 'success', data: <the organization's webhook settings> }`. */
  data?: components['schemas']['WebhookSettingsResponse'];
  /** Qontak's answer on failure (its error envelope, when it sent one). */
  error?: unknown;
  response: Response;
}

/**
 * The part of the typed client of `@qontak/client` that {@link registerQontakWebhooks} uses: the
 * `QontakClient` made by `createQontakClient(auth)` is one, under any credential.
 */
export interface QontakWebhookSettingsClient {
  PUT(
    path: '/v1/message_interactions',
    init: { body: SettingsBody<'/v1/message_interactions'> },
  ): Promise<QontakWebhookSettingsAnswer>;
  PUT(
    path: '/v1/room_interactions',
    init: { body: SettingsBody<'/v1/room_interactions'> },
  ): Promise<QontakWebhookSettingsAnswer>;
}

/** Which events {@link registerQontakWebhooks} asks Qontak to POST, and where. */
export interface QontakWebhookRegistration {
  /** The URL made by `qontakWebhookUrl(publicUrl, secret)` (it must carry the secret). */
  url: string;
  /**
   * Messages: `true` (default) for customers' and agents' messages, `false` for none, or each on its
   * own (`{ customer: true, agent: false }`; an absent one is `false`).
   */
  messages?: boolean | { customer?: boolean | undefined; agent?: boolean | undefined } | undefined;
  /**
   * Statuses: `true` (default) for both kinds, `false` for none, or each on its own (`{ messages: true }`;
   * an absent one is `false`): `messages`, the new status of each message sent to a customer
   * (`status_message`), and `broadcasts`, the new status of a broadcast's delivery to one number
   * (`broadcast_log_status`).
   */
  statuses?: boolean | { messages?: boolean | undefined; broadcasts?: boolean | undefined } | undefined;
  /** Resolved rooms (`room_resolved`). Default `true`. */
  rooms?: boolean | undefined;
}

/** The organization's webhook settings as Qontak answered each registration. */
export interface QontakWebhookRegistrationResult {
  /** Qontak's answer to `PUT /v1/message_interactions` (its `data`). */
  messageInteractions: WebhookSettings;
  /** Qontak's answer to `PUT /v1/room_interactions` (its `data`), the later one: it shows both. */
  roomInteractions: WebhookSettings;
}

const MAX_MESSAGE_TEXT = 300;

/** The registration's URL, checked: absolute, and carrying exactly one secret, which is returned. */
function checkedUrl(url: unknown): { url: string; secret: string } {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  const secrets = parsed?.searchParams.getAll(SECRET_PARAMETER) ?? [];
  if (parsed === undefined || secrets.length !== 1 || secrets[0] === '') {
    throw configError(
      `registerQontakWebhooks needs the url made by qontakWebhookUrl(publicUrl, secret), with its ${SECRET_PARAMETER} parameter.`,
    );
  }
  return { url: url as string, secret: secrets[0]! };
}

/** Qontak's error messages in `answer`, joined, shortened, and without the secret. */
function qontakMessages(answer: QontakWebhookSettingsAnswer, secret: string): string {
  const messages = (answer.error as { error?: { messages?: unknown } } | undefined)?.error?.messages;
  if (!Array.isArray(messages)) return '';
  const text = messages
    .map(String)
    .join('; ')
    .slice(0, MAX_MESSAGE_TEXT * 4);
  return `: ${withoutSecret(text, secret).slice(0, MAX_MESSAGE_TEXT)}`;
}

/**
 * Registers `url` with Qontak for the chosen events: `PUT /v1/message_interactions` (customers' and
 * agents' messages, message and broadcast statuses) then `PUT /v1/room_interactions` (resolved rooms). Each PUT
 * replaces the setting before it, so an event turned off here stops being sent.
 *
 * @param client The typed client of `@qontak/client` (`createQontakClient(auth)`), any credential.
 * @returns What Qontak answered to each: the organization's webhook settings.
 * @throws {QontakWebhookError} `config_error` when `url` does not carry a secret made by
 *   `qontakWebhookUrl`; `registration_failed` (with `status` and Qontak's messages, never the secret)
 *   when Qontak refuses a PUT; when the first succeeded, the message says the second did not.
 * @throws what the client throws when no credentials can be had (`QontakAuthError`) or Qontak cannot be
 *   reached.
 */
export async function registerQontakWebhooks(
  client: QontakWebhookSettingsClient,
  registration: QontakWebhookRegistration,
): Promise<QontakWebhookRegistrationResult> {
  const { url, secret } = checkedUrl(registration?.url);
  const messages = registration.messages ?? true;
  const { customer = false, agent = false } =
    typeof messages === 'boolean' ? { customer: messages, agent: messages } : messages;
  const statuses = registration.statuses ?? true;
  const { messages: messageStatuses = false, broadcasts: broadcastStatuses = false } =
    typeof statuses === 'boolean' ? { messages: statuses, broadcasts: statuses } : statuses;
  const message = await client.PUT('/v1/message_interactions', {
    body: {
      receive_message_from_customer: customer,
      receive_message_from_agent: agent,
      status_message: messageStatuses,
      broadcast_log_status: broadcastStatuses,
      url,
    },
  });
  if (message.data === undefined) {
    throw new QontakWebhookError(
      QontakWebhookErrorCode.RegistrationFailed,
      `Qontak answered HTTP ${message.response.status} to PUT /v1/message_interactions${qontakMessages(message, secret)}`,
      { status: message.response.status },
    );
  }
  const room = await client.PUT('/v1/room_interactions', {
    body: { room_resolved: registration.rooms ?? true, url },
  });
  if (room.data === undefined) {
    throw new QontakWebhookError(
      QontakWebhookErrorCode.RegistrationFailed,
      `Qontak answered HTTP ${room.response.status} to PUT /v1/room_interactions${qontakMessages(room, secret)} ` +
        '(the message webhooks were registered)',
      { status: room.response.status },
    );
  }
  return { messageInteractions: message.data.data, roomInteractions: room.data.data };
}
