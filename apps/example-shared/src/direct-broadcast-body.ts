import { templateParameters, type QontakSchemas, type QontakTemplateShape } from '@qontak/client';
import type { MessageRequest } from './message-request';

/**
 * Qontak's body of `POST /v1/broadcasts/whatsapp/direct` for `request`: its `params` fill the body
 * placeholders of `template` in order, checked by `templateParameters` of `@qontak/client`. Without a
 * template (Qontak answered none for that id) the body has no `parameters`, and Qontak's answer says what
 * is wrong.
 * @throws {QontakApiError} `template_mismatch` when the params do not fit the template.
 */
export function directBroadcastBody(
  request: MessageRequest,
  template: QontakTemplateShape | undefined,
): QontakSchemas['DirectBroadcastRequest'] {
  const parameters = template && templateParameters(template, { body: request.params });
  return {
    to_number: request.to,
    to_name: request.name,
    message_template_id: request.templateId,
    channel_integration_id: request.channelId,
    language: { code: request.language },
    ...(parameters && Object.keys(parameters).length > 0 && { parameters }),
  };
}
