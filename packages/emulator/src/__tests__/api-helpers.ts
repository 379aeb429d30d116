import { createHmac } from 'node:crypto';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_TEMPLATE_ID,
} from '../index';
import type { EmulatorCredentialKind, QontakEmulator } from '../index';
import { passwordGrant } from './helpers';

/** The three kinds of credential, each with its base path. */
export const CREDENTIAL_KINDS: readonly EmulatorCredentialKind[] = ['bearer', 'access-token', 'hmac'];

export interface ApiRequest {
  method?: string;
  /** A JSON body, sent as `application/json`. */
  json?: unknown;
  /** A multipart body. */
  form?: FormData;
  /** A raw body (with `headers` giving its content type). */
  body?: string;
  headers?: Record<string, string>;
  /** For 'hmac': the signing time in ms (default: now). For 'bearer': the access token to use (default: a fresh grant). */
  at?: number;
  token?: string;
}

/** The Mekari gateway's headers for `METHOD target`, signed with node:crypto, independently of the emulator's verifier. */
export function hmacHeaders(
  method: string,
  target: string,
  at = Date.now(),
  clientId = DEMO_HMAC_CLIENT_ID,
  secret = DEMO_HMAC_CLIENT_SECRET,
): { date: string; authorization: string } {
  const date = new Date(at).toUTCString();
  const signature = createHmac('sha256', secret)
    .update(`date: ${date}\n${method} ${target} HTTP/1.1`)
    .digest('base64');
  return {
    date,
    authorization: `hmac username="${clientId}", algorithm="hmac-sha256", headers="date request-line", signature="${signature}"`,
  };
}

const grants = new WeakMap<QontakEmulator, Promise<string>>();

/** One password-grant access token per emulator. */
export function issuedToken(emulator: QontakEmulator): Promise<string> {
  let token = grants.get(emulator);
  if (!token) {
    token = passwordGrant(emulator).then((t) => t.access_token);
    grants.set(emulator, token);
  }
  return token;
}

/** The base path a credential kind goes through. */
export function basePath(kind: EmulatorCredentialKind): string {
  return kind === 'hmac' ? '/qontak/chat' : '/api/open';
}

/**
 * Calls `path` (below the base path, e.g. `/v1/templates/whatsapp?limit=2`) with a credential of `kind`:
 * an issued token (password grant), `DEMO_ACCESS_TOKEN`, or an HMAC signature.
 */
export async function callApi(
  emulator: QontakEmulator,
  kind: EmulatorCredentialKind,
  path: string,
  request: ApiRequest = {},
): Promise<Response> {
  const hasBody = request.json !== undefined || request.form !== undefined || request.body !== undefined;
  const method = request.method ?? (hasBody ? 'POST' : 'GET');
  const target = `${basePath(kind)}${path}`;
  const headers: Record<string, string> = {};
  if (kind === 'hmac') Object.assign(headers, hmacHeaders(method, target, request.at));
  else {
    const token =
      request.token ?? (kind === 'access-token' ? DEMO_ACCESS_TOKEN : await issuedToken(emulator));
    headers['authorization'] = `Bearer ${token}`;
  }
  let body: string | FormData | undefined = request.body;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) {
    body = request.form;
  }
  return fetch(`${emulator.url}${target}`, { method, headers: { ...headers, ...request.headers }, body });
}

/** `meta.pagination` of a list answer. */
export interface Pagination {
  limit: number;
  offset: number;
  total: number;
  cursor: { next: string | null; prev: string | null };
}

/** Qontak's success envelope. */
export interface Envelope<T> {
  status: 'success';
  data: T;
  meta?: { pagination: Pagination };
}

/** The fields of a broadcast the tests read. */
export interface BroadcastData {
  id: string;
  name: string;
  organization_id: string;
  channel_integration_id: string;
  contact_list_id: null;
  contact_id: string;
  target_channel: string;
  parameters: Record<string, unknown>;
  created_at: string;
  message_status_count: Record<string, number>;
  message_template: { id: string; name: string; body: string; header: unknown; status: string };
}

/** The fields of a log entry the tests read. */
export interface LogEntryData {
  id: string;
  messages_broadcast_id: string;
  status: string;
  whatsapp_message_id: string | null;
  contact_phone_number: string;
  contact_full_name: string;
  channel_integration_id: string;
}

/** The JSON body of an answer, as the type the test expects. */
export async function jsonOf<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** A valid direct broadcast of the seeded text template through the seeded wa_cloud integration. */
export function directBroadcast(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    to_number: '6281234567890',
    to_name: 'Rina',
    message_template_id: DEMO_TEMPLATE_ID,
    channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
    language: { code: 'en' },
    parameters: {
      body: [
        { key: '1', value: 'customer_name', value_text: 'Rina' },
        { key: '2', value: 'order_number', value_text: 'INV-1001' },
      ],
    },
    ...overrides,
  };
}

/** The error envelope of a refused request. */
export function errorEnvelope(code: number, messages: string[]): unknown {
  return { status: 'error', error: { code, messages } };
}

/** A contact list form: `name` (default `Customers`), `source_type: spreadsheet` and `csv` as the `file` upload. */
export function contactListForm(csv: string, name = 'Customers'): FormData {
  const form = new FormData();
  form.append('name', name);
  form.append('source_type', 'spreadsheet');
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'contacts.csv');
  return form;
}
