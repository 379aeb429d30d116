import {
  BadGatewayException,
  BadRequestException,
  Body,
  Controller,
  Inject,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { QontakApiError, QontakApiErrorCode, QontakClient, type QontakSchemas } from '@qontak/client';
import { directBroadcastBody, readMessageRequest, type MessageDefaults } from 'qontak-example-shared';
import { MESSAGE_DEFAULTS } from './message-defaults';

/** Longest wait for Qontak's answer to a message, in ms. */
const QONTAK_TIMEOUT_MS = 10_000;

/** The messages of Qontak's error envelope `{ status: 'error', error: { code, messages } }`; none for another body. */
function envelopeMessages(body: unknown): string[] {
  const messages = (body as { error?: { messages?: unknown } } | undefined)?.error?.messages;
  return Array.isArray(messages) ? messages.filter((message) => typeof message === 'string') : [];
}

/** Sends WhatsApp template messages through the injected `QontakClient`, whatever the credential. */
@Controller('qontak/messages')
export class MessagesController {
  constructor(
    @Inject(QontakClient) private readonly qontak: QontakClient,
    @Inject(MESSAGE_DEFAULTS) private readonly defaults: MessageDefaults | null,
  ) {}

  /**
   * `POST /qontak/messages` `{ to, name, templateId?, channelId?, language?, params? }` (see
   * `readMessageRequest`): one WhatsApp template message to one number, its `params` checked against
   * its template (see `directBroadcastBody`). Answers 201 `{ broadcastId }`; 400 `{ error:
   * 'bad_request', messages }` for a body it cannot send; 422 `{ error: 'unprocessable_entity', messages
   * }` with what does not fit the template, or with Qontak's own messages when Qontak refuses the
   * message; 502 `{ error: 'bad_gateway', status }` for any other answer of Qontak. When no credentials can be had,
   * the `QontakAuthExceptionFilter` answers 502 or 503.
   */
  @Post()
  async send(@Body() body: unknown): Promise<{ broadcastId: string }> {
    const reading = readMessageRequest(body, this.defaults);
    if (!reading.ok) throw new BadRequestException({ error: 'bad_request', messages: reading.messages });
    const signal = AbortSignal.timeout(QONTAK_TIMEOUT_MS);
    const template = await this.qontak.GET('/v1/templates/{id}/whatsapp', {
      params: { path: { id: reading.request.templateId } },
      signal,
    });
    let message: QontakSchemas['DirectBroadcastRequest'];
    try {
      message = directBroadcastBody(reading.request, template.data?.data);
    } catch (error) {
      if (!(error instanceof QontakApiError) || error.code !== QontakApiErrorCode.TemplateMismatch)
        throw error;
      throw new UnprocessableEntityException({ error: 'unprocessable_entity', messages: [error.message] });
    }
    const { data, error, response } = await this.qontak.POST('/v1/broadcasts/whatsapp/direct', {
      body: message,
      signal,
    });
    if (data) return { broadcastId: data.data.id };
    if (response.status === 422) {
      throw new UnprocessableEntityException({
        error: 'unprocessable_entity',
        messages: envelopeMessages(error),
      });
    }
    throw new BadGatewayException({ error: 'bad_gateway', status: response.status });
  }
}
