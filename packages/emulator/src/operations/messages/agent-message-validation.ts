import type { Checked } from '../../api/field-checks';
import { validateMessageForm, type MessageForm, type MessageFormRules } from './message-form-validation';

/** The rules of `POST /v1/messages/whatsapp`, as public integrations send it. */
const AGENT_MESSAGE_RULES: MessageFormRules = {
  types: ['audio', 'contact', 'document', 'image', 'location', 'story', 'system', 'text', 'video', 'voice'],
  fileTypes: ['audio', 'document', 'image', 'video', 'voice'],
  extraFields: ['local_id'],
  defaultType: undefined,
};

/**
 * Checks an agent message form: `room_id` and `type` required (audio, contact, document, image, location,
 * story, system, text, video, voice); `file` (an uploaded file, not empty) required for audio, document,
 * image, video and voice; `text` required for text; `local_id` optional; no other fields, none given
 * twice. Every problem is named.
 */
export function validateAgentMessage(form: FormData): Checked<MessageForm> {
  return validateMessageForm(form, AGENT_MESSAGE_RULES);
}
