import { qontakWebhookExample } from '@qontak/webhooks/testing';

/**
 * Deliveries to a Qontak webhook handler that put its secret, or something close to it, where it does
 * not belong: in the path, a header, the body, the fragment, a parameter of another name; and near-miss
 * secrets in the right place. Each is a fresh web `Request` with the status the handler must answer.
 */

/** The secret of the handlers under test: 32 URL-safe characters, like `randomBytes(24).toString('base64url')`. */
export const WEBHOOK_SECRET = 'wh7Kq2Zr9Xv4Lm8Pn3Ts6Yb1Dc5Fg0Hj';

/** Secrets that are almost the right one: each must be refused, and never printed either. */
export const NEAR_MISS_SECRETS: readonly string[] = [
  `${WEBHOOK_SECRET.slice(0, -1)}k`,
  `${WEBHOOK_SECRET}x`,
  WEBHOOK_SECRET.slice(0, 16),
  WEBHOOK_SECRET.toUpperCase(),
  ` ${WEBHOOK_SECRET}`,
];

/** Every run of `length` characters of `secret`: what a leak of part of it would show. */
export function fragmentsOf(secret: string, length: number): string[] {
  return Array.from({ length: secret.length - length + 1 }, (_, start) =>
    secret.slice(start, start + length),
  );
}

/** `text` with every character percent-encoded (`%41` for `A`): a spelling a URL may give the secret. */
export function percentEncoded(text: string): string {
  return [...text].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

let messages = 0;

/** A customer's message as Qontak posts it, with a message id of its own and `fields` over it. */
export function customerMessage(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...qontakWebhookExample('receive_message_from_customer', {
      id: `4198c4b2-d39d-45b5-ac9c-${String(++messages).padStart(12, '0')}`,
    }),
    ...fields,
  };
}

/** One hostile delivery: what it is, the request, and the status it must get. */
export interface HostileDelivery {
  readonly label: string;
  readonly status: number;
  readonly request: () => Request;
}

/** A JSON POST to `url` (`body` as is when text or bytes), with `headers` added. */
function post(url: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  });
}

/**
 * The deliveries, to the handler registered at `base` (`https://bot.example.com/qontak/webhook`): the
 * URL `qontakWebhookUrl(base, WEBHOOK_SECRET)` is `right`.
 */
export function hostileDeliveries(base: string, right: string): HostileDelivery[] {
  const secret = WEBHOOK_SECRET;
  const withSecret = (value: string) => `${base}?qontak_secret=${value}`;
  return [
    // The secret anywhere but the query: 401, body unread.
    { label: 'secret in the path', status: 401, request: () => post(`${base}/${secret}`, customerMessage()) },
    {
      label: 'secret in a header',
      status: 401,
      request: () =>
        post(base, customerMessage(), { 'x-qontak-secret': secret, authorization: `Bearer ${secret}` }),
    },
    {
      label: 'secret in the body',
      status: 401,
      request: () => post(base, customerMessage({ qontak_secret: secret, text: secret })),
    },
    {
      label: 'secret in the fragment',
      status: 401,
      request: () => post(`${base}#qontak_secret=${secret}`, customerMessage()),
    },
    {
      label: 'secret under another name',
      status: 401,
      request: () => post(`${base}?secret=${secret}`, customerMessage()),
    },
    {
      label: 'secret twice',
      status: 401,
      request: () => post(`${right}&qontak_secret=${secret}`, customerMessage()),
    },
    ...NEAR_MISS_SECRETS.map((nearMiss) => ({
      label: `near-miss secret (${nearMiss.length} characters)`,
      status: 401,
      request: () => post(withSecret(encodeURIComponent(nearMiss)), customerMessage()),
    })),
    // The right secret, and the rest hostile.
    { label: 'a GET', status: 405, request: () => new Request(right, { method: 'GET' }) },
    {
      label: 'a form body',
      status: 415,
      request: () =>
        post(right, `qontak_secret=${secret}`, { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    { label: 'not JSON', status: 400, request: () => post(right, `{"text": "${secret}"`) },
    { label: 'not UTF-8', status: 400, request: () => post(right, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])) },
    { label: 'a JSON string', status: 400, request: () => post(right, JSON.stringify(secret)) },
    {
      label: 'the secret as data_event',
      status: 400,
      request: () => post(right, customerMessage({ data_event: secret })),
    },
    {
      label: 'the secret in a field of the wrong type',
      status: 400,
      request: () => post(right, customerMessage({ id: { [secret]: secret }, room: [secret] })),
    },
    {
      label: 'a message without an id, the secret beside it',
      status: 400,
      request: () => post(right, { ...customerMessage({ [secret]: secret }), id: undefined }),
    },
    // Accepted: the secret percent-encoded, and a message carrying the secret in its fields.
    {
      label: 'the secret percent-encoded',
      status: 200,
      request: () => post(withSecret(percentEncoded(secret)), customerMessage()),
    },
    {
      label: 'a message with the secret in its text and an unknown field',
      status: 200,
      request: () => post(right, customerMessage({ text: secret, [secret]: secret })),
    },
  ];
}
