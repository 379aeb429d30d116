import { QontakAuthErrorCode } from '@qontak/auth-core';
import { describe, expect, it } from 'vitest';
import { describeFailure, type DemoFailureCode } from '../describe-failure';
import { shortenToken } from '../shorten-token';

describe('shortenToken', () => {
  it('keeps the first 4 and the last 3 characters', () => {
    expect(shortenToken('WPuWx1y2z3a4b5c6d7e8f9g0h1i2j3k4l5m6n7rbU')).toBe('WPuW…rbU');
  });

  it('shows nothing of a token shorter than 16 characters', () => {
    expect(shortenToken('short-token')).toBe('…');
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
