import { describe, expect, it } from 'vitest';
import { parseTokenResponse, tokenErrorFromResponse } from '../password/token-response';

const SENT_AT = 1_700_000_000_000;
const good = {
  access_token: 'acc-123',
  token_type: 'Bearer',
  expires_in: 7200,
  refresh_token: 'ref-456',
  created_at: 1_600_000_000,
};

describe('parseTokenResponse', () => {
  it('computes expiry from the local send time, not from created_at', () => {
    const token = parseTokenResponse(200, JSON.stringify(good), SENT_AT);
    expect(token.accessToken).toBe('acc-123');
    expect(token.refreshToken).toBe('ref-456');
    expect(token.expiresAt).toBe(SENT_AT + 7_200_000);
    expect(token.issuedAt).toBe(SENT_AT);
    expect(token.createdAt).toBe(1_600_000_000);
  });

  it('accepts a lower-case token_type', () => {
    expect(
      parseTokenResponse(200, JSON.stringify({ ...good, token_type: 'bearer' }), SENT_AT).tokenType,
    ).toBe('Bearer');
  });

  it.each([
    ['not JSON', '{"access_token": "acc-1'],
    ['an HTML page', '<html><body>Bad gateway</body></html>'],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['no access_token', JSON.stringify({ ...good, access_token: undefined })],
    ['a non-Bearer token_type', JSON.stringify({ ...good, token_type: 'mac' })],
    ['no expires_in', JSON.stringify({ ...good, expires_in: undefined })],
    ['expires_in 0', JSON.stringify({ ...good, expires_in: 0 })],
    ['a negative expires_in', JSON.stringify({ ...good, expires_in: -5 })],
    ['a string expires_in', JSON.stringify({ ...good, expires_in: '7200' })],
    ['an expires_in beyond any date', JSON.stringify({ ...good, expires_in: 1e13 })],
    ['an access_token with a line break', JSON.stringify({ ...good, access_token: 'acc-1\nX-Evil: 1' })],
    ['an access_token with non-ASCII characters', JSON.stringify({ ...good, access_token: 'acc-ñ' })],
  ])('rejects %s as invalid_response without quoting the body', (_case, body) => {
    let thrown: unknown;
    try {
      parseTokenResponse(200, body, SENT_AT);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'QontakAuthError', code: 'invalid_response', retryable: false });
    expect(String((thrown as Error).message)).not.toContain('acc-');
  });
});

describe('tokenErrorFromResponse', () => {
  it('passes Doorkeeper errors through with their description', () => {
    const error = tokenErrorFromResponse(
      400,
      JSON.stringify({
        error: 'invalid_grant',
        error_description: 'The provided authorization grant is invalid',
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_grant', status: 400, retryable: false });
    expect(error.description).toBe('The provided authorization grant is invalid');
  });

  it('maps 401 invalid_client', () => {
    expect(tokenErrorFromResponse(401, JSON.stringify({ error: 'invalid_client' }))).toMatchObject({
      code: 'invalid_client',
      status: 401,
    });
  });

  it('maps 429 to a retryable rate_limited and 5xx to a retryable server_error', () => {
    expect(tokenErrorFromResponse(429, '')).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(tokenErrorFromResponse(503, '<html>')).toMatchObject({
      code: 'server_error',
      status: 503,
      retryable: true,
    });
  });

  it('treats an unexpected status without an OAuth body as invalid_response', () => {
    expect(tokenErrorFromResponse(404, 'Not Found')).toMatchObject({
      code: 'invalid_response',
      retryable: false,
    });
  });
});
