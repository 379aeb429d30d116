import { sleep } from './abortable';
import { QONTAK_REVOKE_PATH, QONTAK_TOKEN_PATH } from './constants';
import { QontakAuthError, QontakAuthErrorCode } from './qontak-auth-error';
import type { QontakToken } from './qontak-token';
import type { ResolvedQontakAuthOptions } from './resolve-options';
import { backoffDelay, parseRetryAfter } from './retry-policy';
import { parseTokenResponse, tokenErrorFromResponse } from './token-response';
import type { PasswordGrantBody, RefreshTokenGrantBody, RevokeBody } from './wire-types';

interface HttpAnswer {
  status: number;
  text: string;
  retryAfter: string | null;
  sentAt: number;
}

const closedError = () =>
  new QontakAuthError(QontakAuthErrorCode.ConfigError, 'QontakAuth is closed: create a new instance.', {
    retryable: false,
  });

/**
 * Talks to `POST /oauth/token` and `POST /oauth/revoke`: one request per attempt with a time limit,
 * retries of transient failures with backoff and jitter, typed errors. Holds no token state.
 */
export class TokenEndpointClient {
  readonly #o: ResolvedQontakAuthOptions;
  readonly #closed: AbortSignal;
  readonly #tokenUrl: string;
  readonly #revokeUrl: string;

  constructor(options: ResolvedQontakAuthOptions, closed: AbortSignal) {
    this.#o = options;
    this.#closed = closed;
    this.#tokenUrl = options.baseUrl + QONTAK_TOKEN_PATH;
    this.#revokeUrl = options.baseUrl + QONTAK_REVOKE_PATH;
  }

  /** The resource-owner password grant. */
  passwordGrant(): Promise<QontakToken> {
    const body: PasswordGrantBody = {
      grant_type: 'password',
      username: this.#o.username,
      password: this.#o.password,
      client_id: this.#o.clientId,
      client_secret: this.#o.clientSecret,
    };
    return this.#grant(body);
  }

  /** The refresh-token grant. */
  refreshGrant(refreshToken: string): Promise<QontakToken> {
    const body: RefreshTokenGrantBody = {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: this.#o.clientId,
      client_secret: this.#o.clientSecret,
    };
    return this.#grant(body);
  }

  /** Revokes `token` (access or refresh). Not retried. */
  async revoke(token: string): Promise<void> {
    const body: RevokeBody = { token, client_id: this.#o.clientId, client_secret: this.#o.clientSecret };
    const answer = await this.#send(this.#revokeUrl, body);
    if (answer.status === 200) return;
    const error = tokenErrorFromResponse(answer.status, answer.text);
    if (answer.status === 403) {
      throw new QontakAuthError(
        QontakAuthErrorCode.InvalidClient,
        'Qontak refused the revocation: check clientId and clientSecret.',
        { status: 403, retryable: false, description: error.description },
      );
    }
    throw error;
  }

  async #grant(body: PasswordGrantBody | RefreshTokenGrantBody): Promise<QontakToken> {
    const o = this.#o;
    const started = o.clock();
    for (let attempt = 1; ; attempt++) {
      let error: QontakAuthError;
      let retryAfterMs: number | undefined;
      try {
        const answer = await this.#send(this.#tokenUrl, body);
        if (answer.status === 200) return parseTokenResponse(answer.status, answer.text, answer.sentAt);
        error = tokenErrorFromResponse(answer.status, answer.text);
        retryAfterMs = parseRetryAfter(answer.retryAfter, o.clock());
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
        throw closedError();
      }
    }
  }

  async #send(url: string, body: object): Promise<HttpAnswer> {
    if (this.#closed.aborted) throw closedError();
    const o = this.#o;
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
      const text = await response.text();
      return { status: response.status, text, retryAfter: response.headers.get('retry-after'), sentAt };
    } catch (cause) {
      if (this.#closed.aborted) throw closedError();
      if (timedOut) {
        throw new QontakAuthError(
          QontakAuthErrorCode.Timeout,
          `Qontak token endpoint did not answer within ${o.timeoutMs} ms.`,
        );
      }
      throw new QontakAuthError(
        QontakAuthErrorCode.NetworkError,
        `Could not reach the Qontak token endpoint at ${o.origin}: ${describeNetworkError(cause)}.`,
        { cause },
      );
    } finally {
      clearTimeout(timer);
      this.#closed.removeEventListener('abort', onClose);
    }
  }
}

/** A short, secret-free description of a fetch failure (`ECONNREFUSED`, `socket hang up`, ...). */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : 'unknown error';
}
