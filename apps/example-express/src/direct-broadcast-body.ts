import type { QontakSchemas } from '@qontak/client';
import type { MessageRequest } from './message-request';

/**
 * Qontak's body of `POST /v1/broadcasts/whatsapp/direct` for `request`: each of `params` fills the
 * body placeholder of its position (`key` and `value` are its number, `value_text` the text); no
 * `parameters` when there are none.
 */
export function directBroadcastBody(request: MessageRequest): QontakSchemas['DirectBroadcastRequest'] {
  return {
    to_number: request.to,
    to_name: request.name,
    message_template_id: request.templateId,
    channel_integration_id: request.channelId,
    language: { code: request.language },
    ...(request.params.length > 0 && {
      parameters: {
        body: request.params.map((text, index) => ({
          key: String(index + 1),
          value: String(index + 1),
          value_text: text,
        })),
      },
    }),
  };
}
