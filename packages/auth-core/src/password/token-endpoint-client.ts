import { sleep } from '../contract/abortable';
import { readBoundedText } from '../contract/bounded-body';
import { grantChannel } from '../logging/diagnostic-channels';
import { QONTAK_REVOKE_PATH, QONTAK_TOKEN_PATH } from '../config/constants';
import { QontakAuthError, QontakAuthErrorCode } from '../errors/auth-error';
import type { QontakToken } from '../stores/token';
import { redactSecrets } from '../logging/redaction';
import type { ResolvedQontakAuthOptions } from './resolve-password-auth-options';
import type { TokenGrants } from './token-manager';
import { backoffDelay, parseRetryAfter } from './retry-policy';
import { parseTokenResponse, tokenErrorFromResponse, tooLargeError } from './token-response';
import type { PasswordGrantBody, RefreshTokenGrantBody, RevokeBody } from './wire-types';
import { closedError } from '../errors/config-error';

interface HttpAnswer {
  status: number;
  /** The body; `undefined` when it was too large to read. */
  text: string | undefined;
  /** The secrets the request carried, to redact from anything the server says. */
  secrets: readonly string[];
  retryAfter: string | null;
  sentAt: number;
}

/** The most of a token-endpoint answer that is read: a token answer is a few hundred bytes. */
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/** The fields of a token-endpoint request body that hold secrets. */
const SECRET_FIELDS = ['password', 'client_secret', 'refresh_token', 'token'] as const;

/** The secret values `body` carries: what a server echoing the request must not get into an error. */
function secretsOf(body: object): string[] {
  const record = body as Record<string, unknown>;
  return SECRET_FIELDS.map((field) => record[field]).filter(
    (value): value is string => typeof value === 'string',
  );
}

/**
 * Talks to `POST /oauth/token` and `POST /oauth/revoke`: one request per attempt with a time limit,
 * retries of transient failures with backoff and jitter, typed errors. Holds no token state.
 */
export class TokenEndpointClient implements TokenGrants {
  readonly #options: ResolvedQontakAuthOptions;
  readonly #closed: AbortSignal;
  readonly #tokenUrl: string;
  readonly #revokeUrl: string;

  constructor(options: ResolvedQontakAuthOptions, closed: AbortSignal) {
    this.#options = options;
    this.#closed = closed;
    this.#tokenUrl = options.baseUrl + QONTAK_TOKEN_PATH;
    this.#revokeUrl = options.baseUrl + QONTAK_REVOKE_PATH;
  }

  /** The resource-owner password grant. */
  passwordGrant(): Promise<QontakToken> {
    const body: PasswordGrantBody = {
      grant_type: 'password',
      username: this.#options.username,
      password: this.#options.password,
      client_id: this.#options.clientId,
      client_secret: this.#options.clientSecret,
    };
    return this.#grant(body);
  }

  /** The refresh-token grant. */
  refreshGrant(refreshToken: string): Promise<QontakToken> {
    const body: RefreshTokenGrantBody = {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: this.#options.clientId,
      client_secret: this.#options.clientSecret,
    };
    return this.#grant(body);
  }

  /** Revokes `token` (access or refresh). Not retried. */
  async revoke(token: string): Promise<void> {
    const body: RevokeBody = {
      token,
      client_id: this.#options.clientId,
      client_secret: this.#options.clientSecret,
    };
    const answer = await this.#send(this.#revokeUrl, body);
    if (answer.status === 200) return;
    const error =
      answer.text === undefined
        ? tooLargeError(answer.status)
        : tokenErrorFromResponse(answer.status, answer.text, answer.secrets);
    if (answer.status === 403) {
      throw new QontakAuthError(
        QontakAuthErrorCode.InvalidClient,
        'Qontak refused the revocation: check clientId and clientSecret.',
        { status: 403, description: error.description },
      );
    }
    throw error;
  }

  async #grant(body: PasswordGrantBody | RefreshTokenGrantBody): Promise<QontakToken> {
    if (!grantChannel.hasSubscribers) return this.#attempts(body, { attempts: 0 });
    const started = this.#options.clock();
    const counted = { attempts: 0 };
    const publish = (outcome: 'success' | 'failure', error?: unknown) =>
      grantChannel.publish({
        grantType: body.grant_type,
        outcome,
        durationMs: this.#options.clock() - started,
        attempts: counted.attempts,
        errorCode: error instanceof QontakAuthError ? error.code : undefined,
        origin: this.#options.origin,
      });
    try {
      const token = await this.#attempts(body, counted);
      publish('success');
      return token;
    } catch (error) {
      publish('failure', error);
      throw error;
    }
  }

  /** One grant: one request per attempt, retrying transient failures within the retry budget. */
  async #attempts(
    body: PasswordGrantBody | RefreshTokenGrantBody,
    counted: { attempts: number },
  ): Promise<QontakToken> {
    const o = this.#options;
    const started = o.clock();
    for (let attempt = 1; ; attempt++) {
      counted.attempts = attempt;
      let error: QontakAuthError;
      let retryAfterMs: number | undefined;
      try {
        const answer = await this.#send(this.#tokenUrl, body);
        if (answer.status === 200 && answer.text !== undefined) {
          return parseTokenResponse(answer.status, answer.text, answer.sentAt);
        }
        retryAfterMs = parseRetryAfter(answer.retryAfter, o.clock());
        error =
          answer.text === undefined
            ? tooLargeError(answer.status, retryAfterMs)
            : tokenErrorFromResponse(answer.status, answer.text, answer.secrets, retryAfterMs);
      } catch (caught) {
        if (!(caught instanceof QontakAuthError)) throw caught;
        error = caught;
      }
      if (!error.retryable || attempt >= o.retryAttempts) throw error;
      const delay = retryAfterMs ?? backoffDelay(attempt, o.retryBaseDelayMs, o.retryMaxDelayMs);
      if (delay > o.retryMaxDelayMs || o.clock() - started + delay > o.retryMaxElapsedMs) throw error;
      o.logger.warn('Qontak token request failed; retrying', {
        grantType: body.grant_type,
        code: error.code,
        status: error.status,
        attempt,
        delayMs: delay,
      });
      try {
        await sleep(delay, this.#closed);
      } catch {
        throw closedError('QontakAuth');
      }
    }
  }

  async #send(url: string, body: object): Promise<HttpAnswer> {
    if (this.#closed.aborted) throw closedError('QontakAuth');
    const o = this.#options;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, o.timeoutMs);
    const onClose = () => controller.abort();
    this.#closed.addEventListener('abort', onClose, { once: true });
    const sentAt = o.clock();
    try {
      const response = await o.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: controller.signal,
      });
      const { text } = await readBoundedText(response, MAX_TOKEN_RESPONSE_BYTES);
      return {
        status: response.status,
        text,
        secrets: secretsOf(body),
        retryAfter: response.headers.get('retry-after'),
        sentAt,
      };
    } catch (cause) {
      if (this.#closed.aborted) throw closedError('QontakAuth');
      if (timedOut) {
        throw new QontakAuthError(
          QontakAuthErrorCode.Timeout,
          `Qontak token endpoint did not answer within ${o.timeoutMs} ms.`,
        );
      }
      const failure = networkFailure(cause, secretsOf(body));
      throw new QontakAuthError(
        QontakAuthErrorCode.NetworkError,
        `Could not reach the Qontak token endpoint at ${o.origin}: ${failure.message}.`,
        { cause: failure },
      );
    } finally {
      clearTimeout(timer);
      this.#closed.removeEventListener('abort', onClose);
    }
  }
}

/** The longest description of a connection failure kept in an error. */
const MAX_FAILURE_MESSAGE = 200;

/**
 * A fetch failure reduced to what is safe to keep: an `Error` named like the innermost cause, whose
 * message is that cause's `code` (`ECONNREFUSED`, `HPE_UNEXPECTED_CONTENT_LENGTH`, ...) or else its
 * message, redacted and shortened. The original error is dropped: an HTTP parser error holds the raw
 * bytes the server sent, and a server echoing the request puts the password in them.
 */
function networkFailure(error: unknown, secrets: readonly string[]): Error {
  let innermost: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = (innermost as { cause?: unknown } | null | undefined)?.cause;
    if (next === undefined || next === null) break;
    innermost = next;
  }
  const { code, message, name } = (innermost ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  const described =
    typeof code === 'string'
      ? code
      : typeof message === 'string'
        ? redactSecrets(message, secrets).slice(0, MAX_FAILURE_MESSAGE)
        : '';
  const failure = new Error(described || 'connection failed');
  if (typeof name === 'string') failure.name = name;
  return failure;
}
