import { excerpt, keptErrorBody } from './kept-error-body';
import type { QontakErrorEnvelope } from './qontak-paths';
import { redactAnswer } from './sent-answer';

/** Every code a {@link QontakApiError} can carry. */
export const QontakApiErrorCode = {
  /** Qontak answered with an error status (what {@link paginate} throws for a 4xx or 5xx page). */
  HttpError: 'http_error',
  /** Qontak's answer was larger than the client's `maxResponseBytes`: the rest was not downloaded. */
  ResponseTooLarge: 'response_too_large',
  /** Qontak's answer did not arrive whole within the client's `timeoutMs`: the request was aborted. */
  Timeout: 'timeout',
  /** A template message's values do not fit its template (what `templateParameters` throws): nothing was sent. */
  TemplateMismatch: 'template_mismatch',
} as const;

/** One of the values of {@link QontakApiErrorCode}. */
export type QontakApiErrorCode = (typeof QontakApiErrorCode)[keyof typeof QontakApiErrorCode];

/** Options of the {@link QontakApiError} constructor. */
export interface QontakApiErrorOptions {
  /** The HTTP status Qontak answered, if it is known. */
  status?: number | undefined;
  /** What Qontak answered, already bounded and redacted (see {@link QontakApiError.fromAnswer}). */
  body?: unknown;
  /** The underlying error. */
  cause?: unknown;
}

/** The most of Qontak's messages put in an error's message, in characters. */
const MAX_MESSAGE_TEXT = 300;
/** The most of Qontak's messages looked at. */
const MAX_MESSAGES = 10;

/** Qontak's messages in a (kept) error body: the envelope's `error.messages`, or the gateway's `message`. */
function messagesOf(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const envelope = body as { error?: { messages?: unknown }; message?: unknown };
  const messages = envelope.error?.messages;
  const list = Array.isArray(messages) ? messages : [envelope.message];
  return list
    .slice(0, MAX_MESSAGES)
    .filter(
      (message): message is string | number => typeof message === 'string' || typeof message === 'number',
    )
    .map(String);
}

/**
 * An API call that failed at the HTTP level: what {@link paginate} throws when Qontak answers a page
 * with an error status (`http_error`; calls made with the client itself resolve to
 * `{ error, response }` instead), and what every call rejects with when Qontak's answer is larger than
 * `maxResponseBytes` (`response_too_large`) or does not arrive within `timeoutMs` (`timeout`). Also
 * what {@link templateParameters} throws for values that do not fit their template
 * (`template_mismatch`), before anything is sent.
 *
 * What Qontak said is kept bounded and without the request's credentials: the message quotes at most
 * 300 characters of its messages, `body` is a bounded copy (strings cut at 1,000 characters, 50
 * members per object, 6 levels), and the bearer token or HMAC signature the request carried is
 * `[redacted]` in both, so the error is safe to log, `util.inspect` or `JSON.stringify`.
 */
export class QontakApiError extends Error {
  override readonly name = 'QontakApiError';
  /** What went wrong, from {@link QontakApiErrorCode}. */
  readonly code: QontakApiErrorCode;
  /** The HTTP status Qontak answered; `undefined` for a `timeout` or a `template_mismatch`. */
  readonly status: number | undefined;
  /** Qontak's answer, bounded and redacted: `{ status: 'error', error: { code, messages } }`, the gateway's `{ message }`, or an excerpt of a page; `undefined` for a `timeout`, `response_too_large` or `template_mismatch`. */
  readonly body: QontakErrorEnvelope | unknown;

  constructor(code: QontakApiErrorCode, message: string, options: QontakApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.body = options.body;
  }

  /**
   * The `http_error` for Qontak's error answer `body` (as `openapi-fetch` parsed it) to `operation`
   * (e.g. `GET /v1/templates/whatsapp`), made safe: the credentials the request carried redacted from
   * every string, the body bounded, control characters replaced.
   */
  static fromAnswer(operation: string, response: Response, body: unknown): QontakApiError {
    const redact = (text: string) => redactAnswer(text, response);
    const kept = keptErrorBody(body, redact);
    const messages = messagesOf(kept);
    const detail = messages.length > 0 ? `: ${excerpt(messages.join('; '), MAX_MESSAGE_TEXT, redact)}` : '';
    return new QontakApiError(
      QontakApiErrorCode.HttpError,
      `Qontak answered HTTP ${response.status} to ${operation}${detail}`,
      { status: response.status, body: kept },
    );
  }

  /** The error's fields, for structured logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, status: this.status, body: this.body };
  }
}
