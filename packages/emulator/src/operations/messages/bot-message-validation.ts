import type { Checked } from '../../api/field-checks';
import { validateMessageForm, type MessageForm, type MessageFormRules } from './message-form-validation';

/** The rules of `POST /v1/messages/whatsapp/bot`, as Qontak's Swagger gives them. */
const BOT_MESSAGE_RULES: MessageFormRules = {
  types: ['audio', 'contact', 'document', 'image', 'location', 'system', 'text', 'video'],
  fileTypes: ['audio', 'document', 'image', 'video'],
  extraFields: [],
  defaultType: 'text',
};

/**
 * Checks a bot message form with the Swagger's rules: `room_id` required; `type` one of audio, contact,
 * document, image, location, system, text, video (`text` when absent); `file` (an uploaded file, not
 * empty) required for audio, document, image and video; `text` required for text; no other fields, none
 * given twice. Every problem is named.
 */
export function validateBotMessage(form: FormData): Checked<MessageForm> {
  return validateMessageForm(form, BOT_MESSAGE_RULES);
}
