import type { Checked } from '../../api/field-checks';
import { FieldErrors, notPermitted } from '../../api/field-checks';

/** Message types of `POST /v1/messages/whatsapp/bot`, as Qontak's Swagger lists them. */
const BOT_MESSAGE_TYPES = [
  'audio',
  'contact',
  'document',
  'image',
  'location',
  'system',
  'text',
  'video',
] as const;

/** A bot message type. */
type BotMessageType = (typeof BOT_MESSAGE_TYPES)[number];

/** The types that carry a file. */
const FILE_TYPES: readonly BotMessageType[] = ['audio', 'document', 'image', 'video'];

const FIELDS = ['room_id', 'type', 'file', 'text'];

/** A bot message form, checked. */
interface BotMessageForm {
  roomId: string;
  type: BotMessageType;
  text?: string;
  file?: File;
}

function isBotMessageType(value: string): value is BotMessageType {
  return (BOT_MESSAGE_TYPES as readonly string[]).includes(value);
}

/**
 * Checks a bot message form with the Swagger's rules: `room_id` required; `type` one of
 * {@link BOT_MESSAGE_TYPES}, `text` when absent; `file` (an uploaded file, not empty) required for audio,
 * document, image and video; `text` required for text; no other fields, none given twice. Every problem is
 * named.
 */
export function validateBotMessage(form: FormData): Checked<BotMessageForm> {
  const errors = new FieldErrors();
  const keys = [...new Set(form.keys())];
  for (const key of keys) {
    if (!FIELDS.includes(key)) errors.add(notPermitted(key));
    else if (form.getAll(key).length > 1) errors.add(`${key} must be given once`);
  }

  const roomId = form.get('room_id');
  if (roomId === null || (typeof roomId === 'string' && roomId.trim() === ''))
    errors.add('room_id is required');
  else if (typeof roomId !== 'string') errors.add('room_id must be a text field, not a file');

  const rawType = form.get('type') ?? 'text';
  let type: BotMessageType | undefined;
  if (typeof rawType !== 'string' || !isBotMessageType(rawType)) {
    errors.add(`type must be one of ${BOT_MESSAGE_TYPES.join(', ')}`);
  } else {
    type = rawType;
  }

  const file = form.get('file');
  if (file !== null && typeof file === 'string') errors.add('file must be a file upload');
  else if (file !== null && file.size === 0) errors.add('file must not be empty');
  else if (file === null && type !== undefined && FILE_TYPES.includes(type)) {
    errors.add(`file is required when type is ${type}`);
  }

  const text = form.get('text');
  if (text !== null && typeof text !== 'string') errors.add('text must be a text field, not a file');
  else if (type === 'text' && (text === null || text.trim() === ''))
    errors.add('text is required when type is text');

  if (!errors.empty || typeof roomId !== 'string' || type === undefined) {
    return { ok: false, messages: errors.messages };
  }
  const message: BotMessageForm = { roomId, type };
  if (typeof text === 'string') message.text = text;
  if (file !== null && typeof file !== 'string') message.file = file;
  return { ok: true, value: message };
}
