import { QontakAuthErrorCode } from '@qontak/auth-core';
import { describe, expect, it } from 'vitest';
import { describeFailure, type DemoFailureCode } from '../describe-failure';
import { previewCredentials, previewSecret } from '../preview-credentials';

describe('previewSecret', () => {
  it('keeps the first 4 and the last 3 characters', () => {
    expect(previewSecret('WPuWx1y2z3a4b5c6d7e8f9g0h1i2j3k4l5m6n7rbU')).toBe('WPuW…rbU');
  });

  it('shows nothing of a secret shorter than 16 characters', () => {
    expect(previewSecret('short-token')).toBe('…');
  });
});

describe('previewCredentials', () => {
  it('previews a bearer token, and an HMAC signature inside its header, keeping the Date', () => {
    expect(previewCredentials({ authorization: 'Bearer WPuWx1y2z3a4b5c6d7e8f9g0h1i2j3k4l5m6n7rbU' })).toEqual(
      {
        authorization: 'Bearer WPuW…rbU',
      },
    );
    expect(
      previewCredentials({
        date: 'Thu, 01 Jan 2026 00:00:00 GMT',
        authorization:
          'hmac username="demo-hmac-client", algorithm="hmac-sha256", headers="date request-line", signature="q1ZxAbCdEfGhIjKlMnOpQrStUvWxYz0123456789Y0="',
      }),
    ).toEqual({
      date: 'Thu, 01 Jan 2026 00:00:00 GMT',
      authorization:
        'hmac username="demo-hmac-client", algorithm="hmac-sha256", headers="date request-line", signature="q1Zx…Y0="',
    });
  });
});

describe('describeFailure', () => {
  const codes: DemoFailureCode[] = [
    ...Object.values(QontakAuthErrorCode),
    'health_unauthorized',
    'health_failed',
    'unexpected',
  ];

  it.each(codes)('gives one line naming %s', (code) => {
    const line = describeFailure(code, { baseUrl: 'http://127.0.0.1:4010', status: 400 });
    expect(line).toContain(code);
    expect(line).not.toContain('\n');
  });

  it('tells what to do about wrong credentials', () => {
    expect(describeFailure('invalid_grant')).toBe(
      'Qontak rejected the username or password (invalid_grant): check QONTAK_USERNAME and QONTAK_PASSWORD.',
    );
  });
});
