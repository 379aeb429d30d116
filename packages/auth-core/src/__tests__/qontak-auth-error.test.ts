import { describe, expect, it } from 'vitest';
import { isQontakAuthError, QontakAuthError } from '../errors/auth-error';

describe('QontakAuthError', () => {
  const original = new QontakAuthError('invalid_grant', 'Qontak rejected the grant.', {
    status: 400,
    description: 'The provided authorization grant is invalid',
  });

  it('derives a copy with the same code, message and description, the original as cause', () => {
    const copy = QontakAuthError.from(original, { status: 502 });
    expect(copy).not.toBe(original);
    expect(copy).toMatchObject({
      code: 'invalid_grant',
      message: 'Qontak rejected the grant.',
      description: 'The provided authorization grant is invalid',
      retryable: false,
      status: 502,
    });
    expect(copy.cause).toBe(original);
    expect(original.status).toBe(400);
    expect(QontakAuthError.from(original).status).toBe(400);
  });

  it('defaults retryable from the code', () => {
    expect(new QontakAuthError('timeout', 't').retryable).toBe(true);
    expect(new QontakAuthError('invalid_client', 'c').retryable).toBe(false);
  });

  it('is recognized across copies of the package by name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'QontakAuthError', code: 'timeout' });
    expect(isQontakAuthError(foreign)).toBe(true);
    expect(isQontakAuthError(new Error('x'))).toBe(false);
    expect(isQontakAuthError({ name: 'QontakAuthError', code: 'timeout' })).toBe(false);
  });
});
