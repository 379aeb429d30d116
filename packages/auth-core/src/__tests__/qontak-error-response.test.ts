import { describe, expect, it } from 'vitest';
import { QontakAuthError, QontakAuthErrorCode } from '../errors/auth-error';
import { runInNewContext } from 'node:vm';
import { isQontakApiError } from '../errors/api-error-like';
import { qontakErrorResponse } from '../errors/error-response';

const error = (code: QontakAuthErrorCode, retryAfterMs?: number) =>
  new QontakAuthError(code, `detail of ${code} at http://127.0.0.1:4010: ECONNREFUSED`, {
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

describe('qontakErrorResponse', () => {
  it.each([
    ['invalid_grant', 502, 'bad_gateway'],
    ['invalid_client', 502, 'bad_gateway'],
    ['invalid_request', 502, 'bad_gateway'],
    ['unsupported_grant_type', 502, 'bad_gateway'],
    ['rate_limited', 503, 'service_unavailable'],
    ['server_error', 503, 'service_unavailable'],
    ['network_error', 503, 'service_unavailable'],
    ['timeout', 503, 'service_unavailable'],
    ['invalid_response', 502, 'bad_gateway'],
    ['config_error', 500, 'internal_server_error'],
  ] as const)(
    'maps %s to %i with a generic body (%s) that names nothing upstream',
    (code, status, generic) => {
      const response = qontakErrorResponse(error(code));
      expect(response.status).toBe(status);
      expect(response.body.error).toBe(generic);
      expect(JSON.stringify(response.body)).not.toMatch(
        /127\.0\.0\.1|4010|ECONNREFUSED|qontak|token|password/i,
      );
      expect(qontakErrorResponse(error(code), { exposeDetails: true }).body).toEqual({
        error: code,
        message: error(code).message,
      });
    },
  );

  it('gives Retry-After in whole seconds for a 503 when Qontak said how long to wait, and never for a 502', () => {
    expect(qontakErrorResponse(error(QontakAuthErrorCode.RateLimited, 120_000)).retryAfterSeconds).toBe(120);
    expect(qontakErrorResponse(error(QontakAuthErrorCode.ServerError, 1_500)).retryAfterSeconds).toBe(2);
    expect(qontakErrorResponse(error(QontakAuthErrorCode.RateLimited)).retryAfterSeconds).toBeUndefined();
    expect(
      qontakErrorResponse(error(QontakAuthErrorCode.InvalidGrant, 5_000)).retryAfterSeconds,
    ).toBeUndefined();
  });

  it('writes at most one day of Retry-After, and none for a wait that is not a number, whatever error it is given', () => {
    const foreign = (retryAfterMs: number) => ({
      code: QontakAuthErrorCode.RateLimited,
      message: 'm',
      retryAfterMs,
    });
    expect(qontakErrorResponse(foreign(Infinity)).retryAfterSeconds).toBe(86_400);
    expect(qontakErrorResponse(foreign(Number('9'.repeat(400)) * 1000)).retryAfterSeconds).toBe(86_400);
    expect(qontakErrorResponse(foreign(-Infinity)).retryAfterSeconds).toBe(0);
    expect(qontakErrorResponse(foreign(Number.NaN)).retryAfterSeconds).toBeUndefined();
    expect(error(QontakAuthErrorCode.RateLimited, Infinity).retryAfterMs).toBe(86_400_000);
  });

  it.each([['false'], ['true'], ['0'], [1], [{}]])(
    'gives the generic body for exposeDetails %j: only the boolean true exposes details',
    (value) => {
      const response = qontakErrorResponse(error(QontakAuthErrorCode.NetworkError), {
        exposeDetails: value as never,
      });
      expect(response.body).toEqual({
        error: 'service_unavailable',
        message: 'The upstream service is unavailable; try again later.',
      });
    },
  );

  describe('for a QontakApiError of @qontak/client', () => {
    /** What `paginate` throws, as another copy of the client would make it (its name is what counts). */
    const apiError = (status: number, retryAfterMs?: number) =>
      Object.assign(
        new Error(`Qontak answered HTTP ${status} to GET /v1/templates/whatsapp: secret detail`),
        {
          name: 'QontakApiError' as const,
          status,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        },
      );

    it.each([
      [429, 503, 'service_unavailable'],
      [500, 503, 'service_unavailable'],
      [502, 503, 'service_unavailable'],
      [503, 503, 'service_unavailable'],
      [400, 502, 'bad_gateway'],
      [401, 502, 'bad_gateway'],
      [403, 502, 'bad_gateway'],
      [404, 502, 'bad_gateway'],
      [422, 502, 'bad_gateway'],
    ])(
      'maps Qontak %i to %i with the generic body (%s) and code qontak_api_error',
      (qontak, status, generic) => {
        const response = qontakErrorResponse(apiError(qontak));
        expect(response).toEqual({
          status,
          code: 'qontak_api_error',
          body: { error: generic, message: expect.any(String) },
          retryAfterSeconds: undefined,
        });
        expect(JSON.stringify(response.body)).not.toMatch(/secret|templates|qontak|HTTP/i);
        expect(qontakErrorResponse(apiError(qontak), { exposeDetails: true }).body).toEqual({
          error: 'qontak_api_error',
          message: apiError(qontak).message,
        });
      },
    );

    it('gives a 503 the Retry-After the error carries, at most one day, and a 502 none', () => {
      expect(qontakErrorResponse(apiError(429, 30_000)).retryAfterSeconds).toBe(30);
      expect(qontakErrorResponse(apiError(503, Infinity)).retryAfterSeconds).toBe(86_400);
      expect(qontakErrorResponse(apiError(422, 30_000)).retryAfterSeconds).toBeUndefined();
    });

    it("answers the client's timeout 503 and an answer too large to read 502 (503 when it was a 5xx page)", () => {
      const limitError = (code: string, status: number | undefined) =>
        Object.assign(new Error(`Qontak's answer to GET /v1/health: ${code}`), {
          name: 'QontakApiError' as const,
          code,
          status,
        });
      expect(isQontakApiError(limitError('timeout', undefined))).toBe(true);
      expect(qontakErrorResponse(limitError('timeout', undefined)).status).toBe(503);
      expect(qontakErrorResponse(limitError('response_too_large', 200)).status).toBe(502);
      expect(qontakErrorResponse(limitError('response_too_large', 502)).status).toBe(503);
      expect(qontakErrorResponse(limitError('timeout', undefined)).body).toEqual({
        error: 'service_unavailable',
        message: 'The upstream service is unavailable; try again later.',
      });
    });

    it('is recognized by isQontakApiError from its name and status, also from another realm, and nothing else is', () => {
      const otherRealm: unknown = runInNewContext(
        "Object.assign(new Error('Qontak answered HTTP 500'), { name: 'QontakApiError', status: 500 })",
      );
      expect(otherRealm instanceof Error).toBe(false);
      expect(isQontakApiError(otherRealm)).toBe(true);
      expect(qontakErrorResponse(otherRealm as never).status).toBe(503);
      expect(isQontakApiError(apiError(404))).toBe(true);
      expect(isQontakApiError(new Error('Qontak answered HTTP 500'))).toBe(false);
      expect(isQontakApiError({ name: 'QontakApiError', status: 500, message: 'a plain object' })).toBe(
        false,
      );
      expect(isQontakApiError(Object.assign(new Error('m'), { name: 'QontakApiError' }))).toBe(false);
      expect(
        isQontakApiError(new QontakAuthError(QontakAuthErrorCode.ServerError, 'm', { status: 500 })),
      ).toBe(false);
      expect(isQontakApiError(null)).toBe(false);
    });
  });
});
