import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../password/retry-policy';

describe('backoffDelay', () => {
  it('doubles the ceiling per retry, capped at the maximum', () => {
    const top = () => 0.999999;
    expect(backoffDelay(1, 250, 5_000, top)).toBe(249);
    expect(backoffDelay(2, 250, 5_000, top)).toBe(499);
    expect(backoffDelay(3, 250, 5_000, top)).toBe(999);
    expect(backoffDelay(10, 250, 5_000, top)).toBe(4_999);
  });

  it('draws the delay at random below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, 250, 5_000, () => 0)).toBe(0);
    expect(backoffDelay(3, 250, 5_000, () => 0.5)).toBe(500);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:02 GMT', now)).toBe(2_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('caps a wait longer than one day at one day: a 400-digit number, a date centuries ahead', () => {
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(86_400_000);
    expect(parseRetryAfter('86401', now)).toBe(86_400_000);
    expect(parseRetryAfter('86400', now)).toBe(86_400_000);
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now)).toBe(86_400_000);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
