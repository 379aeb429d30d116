import type { QontakErrorEnvelope } from './qontak-paths';

/** The longest text of Qontak's messages kept in an error's message. */
const MAX_MESSAGE_TEXT = 300;

/**
 * What {@link paginate} throws when Qontak answers a page with an error status (calls made with the
 * client itself resolve to `{ error, response }` instead). `status` is Qontak's HTTP status, `body` its
 * answer: the error envelope when it sent one.
 */
export class QontakApiError extends Error {
  override readonly name = 'QontakApiError';
  /** The HTTP status Qontak answered. */
  readonly status: number;
  /** Qontak's answer: `{ status: 'error', error: { code, messages } }`, or whatever else it sent. */
  readonly body: QontakErrorEnvelope | unknown;

  constructor(operation: string, status: number, body: unknown) {
    const messages = (body as Partial<QontakErrorEnvelope> | undefined)?.error?.messages;
    const detail = Array.isArray(messages) ? `: ${messages.join('; ').slice(0, MAX_MESSAGE_TEXT)}` : '';
    super(`Qontak answered HTTP ${status} to ${operation}${detail}`);
    this.status = status;
    this.body = body;
  }
}
