import type { Checked } from '../../api/field-checks';
import { FieldErrors, notPermitted } from '../../api/field-checks';

/** What a message form of one endpoint takes. */
export interface MessageFormRules {
  /** Every `type`. */
  readonly types: readonly string[];
  /** The types that need a `file`. */
  readonly fileTypes: readonly string[];
  /** The form's fields besides `room_id`, `type`, `file` and `text`. */
  readonly extraFields: readonly string[];
  /** The type of a form without one; `undefined`: `type` is required. */
  readonly defaultType: string | undefined;
}

/** A message form, checked. */
export interface MessageForm {
  roomId: string;
  type: string;
  text?: string;
  file?: File;
  /** The extra text fields given, by name. */
  extras: Record<string, string>;
}

function textField(form: FormData, key: string, errors: FieldErrors): string | undefined {
  const value = form.get(key);
  if (value !== null && typeof value !== 'string') errors.add(`${key} must be a text field, not a file`);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Checks a message form: `room_id` required; `type` one of the rules' types (required unless the rules
 * default it); `file` (an uploaded file, not empty) required for the file types; `text` required for
 * text; the extra fields text; no other fields, none given twice. Every problem is named.
 */
export function validateMessageForm(form: FormData, rules: MessageFormRules): Checked<MessageForm> {
  const errors = new FieldErrors();
  const fields = ['room_id', 'type', 'file', 'text', ...rules.extraFields];
  for (const key of new Set(form.keys())) {
    if (!fields.includes(key)) errors.add(notPermitted(key));
    else if (form.getAll(key).length > 1) errors.add(`${key} must be given once`);
  }

  const roomId = textField(form, 'room_id', errors);
  if (form.get('room_id') === null || roomId?.trim() === '') errors.add('room_id is required');

  const rawType = form.get('type') ?? rules.defaultType;
  let type: string | undefined;
  if (rawType === undefined) errors.add(`type is required: one of ${rules.types.join(', ')}`);
  else if (typeof rawType !== 'string' || !rules.types.includes(rawType)) {
    errors.add(`type must be one of ${rules.types.join(', ')}`);
  } else {
    type = rawType;
  }

  const file = form.get('file');
  if (file !== null && typeof file === 'string') errors.add('file must be a file upload');
  else if (file !== null && file.size === 0) errors.add('file must not be empty');
  else if (file === null && type !== undefined && rules.fileTypes.includes(type)) {
    errors.add(`file is required when type is ${type}`);
  }

  const text = textField(form, 'text', errors);
  if (type === 'text' && (form.get('text') === null || text?.trim() === '')) {
    errors.add('text is required when type is text');
  }
  const extras: Record<string, string> = {};
  for (const key of rules.extraFields) {
    const value = textField(form, key, errors);
    if (value !== undefined) extras[key] = value;
  }

  if (!errors.empty || roomId === undefined || type === undefined) {
    return { ok: false, messages: errors.messages };
  }
  const message: MessageForm = { roomId, type, extras };
  if (text !== undefined) message.text = text;
  if (file !== null && typeof file !== 'string') message.file = file;
  return { ok: true, value: message };
}
