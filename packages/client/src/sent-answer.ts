import { redactSentCredentials } from '@qontak/auth-core/adapter';

/** The response `authorizer.fetch` returned for each answer the transport handed on (a copy with the body read). */
const sentResponses = new WeakMap<Response, Response>();

/** Records that `answer` is the transport's copy of `sent`, the response `authorizer.fetch` returned. */
export function rememberSentResponse(answer: Response, sent: Response): void {
  sentResponses.set(answer, sent);
}

/**
 * `text` (something Qontak answered) with the credentials of the request that got `answer` redacted
 * (the bearer token, an HMAC signature, in every spelling) and control characters replaced by spaces.
 */
export function redactAnswer(text: string, answer: Response): string {
  return redactSentCredentials(text, sentResponses.get(answer) ?? answer);
}
