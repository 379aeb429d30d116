import type { MessageDefaults } from './message-defaults';

/** The language code used when neither the request nor the defaults give one. */
const DEFAULT_LANGUAGE = 'id';

/** The fields `POST /qontak/messages` takes. */
const FIELDS = ['to', 'name', 'templateId', 'channelId', 'language', 'params'];

/** One WhatsApp template message, as `POST /qontak/messages` asks for it (defaults applied). */
export interface MessageRequest {
  /** The recipient's WhatsApp number (Qontak checks it: digits with an optional leading +). */
  readonly to: string;
  /** The recipient's name. */
  readonly name: string;
  /** The template's id. */
  readonly templateId: string;
  /** The channel integration's id. */
  readonly channelId: string;
  /** The template's language code. */
  readonly language: string;
  /** The texts of the template's body placeholders, in order: `{{1}}`, `{{2}}`, ... */
  readonly params: readonly string[];
}

/** What {@link readMessageRequest} makes of a body: the request, or every problem with it. */
export type MessageRequestReading = { ok: true; request: MessageRequest } | { ok: false; messages: string[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the JSON body of `POST /qontak/messages`: `{ to, name, templateId?, channelId?, language?,
 * params? }`. `to` and `name` are required non-empty strings; `templateId`, `channelId` and `language`
 * come from `defaults` when absent, and `templateId` and `channelId` are required when there are none
 * (`language` then defaults to `'id'`); `params` is an array of strings (default none). Unknown fields
 * are refused, so that a misspelt one is not silently replaced by a default.
 */
export function readMessageRequest(body: unknown, defaults: MessageDefaults | null): MessageRequestReading {
  if (!isObject(body)) return { ok: false, messages: ['the body must be a JSON object'] };
  const messages: string[] = [];
  for (const key of Object.keys(body)) {
    if (!FIELDS.includes(key)) messages.push(`${key} is not a field (use ${FIELDS.join(', ')})`);
  }
  const text = (field: string, fallback: string | undefined): string => {
    const value = body[field];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'string' || value.trim() === '') {
      messages.push(value === undefined ? `${field} is required` : `${field} must be a non-empty string`);
      return '';
    }
    return value;
  };
  const to = text('to', undefined);
  const name = text('name', undefined);
  const templateId = text('templateId', defaults?.templateId);
  const channelId = text('channelId', defaults?.channelId);
  const language = text('language', defaults?.language ?? DEFAULT_LANGUAGE);
  const params = body['params'] ?? [];
  if (!Array.isArray(params) || !params.every((param) => typeof param === 'string')) {
    messages.push('params must be an array of strings');
  }
  if (messages.length > 0) return { ok: false, messages };
  return { ok: true, request: { to, name, templateId, channelId, language, params: params as string[] } };
}
