import { describe, expect, it } from 'vitest';
import { safeLogger } from '../logging/safe-logger';

/** Every call a logger received, with the exact arguments it was called with. */
function recordingLogger() {
  const calls: unknown[][] = [];
  const record =
    () =>
    (...args: unknown[]) => {
      calls.push(args);
    };
  return { calls, logger: { debug: record(), info: record(), warn: record(), error: record() } };
}

describe('safeLogger', () => {
  it('calls the logger with the message alone when there are no fields', () => {
    const { calls, logger } = recordingLogger();
    const safe = safeLogger(logger);
    safe.warn('no fields');
    safe.info('empty fields', {});
    safe.error('fields', { code: 'invalid_grant' });
    expect(calls).toEqual([['no fields'], ['empty fields'], ['fields', { code: 'invalid_grant' }]]);
  });

  it('escapes control characters in the message and in every string field, however deep', () => {
    const { calls, logger } = recordingLogger();
    const hostile = 'a\r\nINFO forged\u0085b\u2028c\u001b[31md\u202ee\u0000';
    safeLogger(logger).warn(hostile, {
      message: hostile,
      nested: { list: [hostile, 7], deeper: { text: hostile } },
      count: 3,
      flag: true,
      missing: undefined,
    });
    const escaped = 'a\\r\\nINFO forged\\u0085b\\u2028c\\u001b[31md\\u202ee\\u0000';
    expect(calls).toEqual([
      [
        escaped,
        {
          message: escaped,
          nested: { list: [escaped, 7], deeper: { text: escaped } },
          count: 3,
          flag: true,
          missing: undefined,
        },
      ],
    ]);
  });

  it('keeps text without control characters as it is (quotes, backslashes and non-ASCII letters too)', () => {
    const { calls, logger } = recordingLogger();
    safeLogger(logger).info('Qontak "token" obtained: ✓ ñ 中文', { path: 'C:\\tokens\\a.json' });
    expect(calls).toEqual([['Qontak "token" obtained: ✓ ñ 中文', { path: 'C:\\tokens\\a.json' }]]);
  });

  it('never throws, whatever the logger does', () => {
    const safe = safeLogger({
      warn: () => {
        throw new Error('sink down');
      },
      error: () => Promise.reject(new Error('sink down')),
    });
    expect(() => safe.warn('x', { a: 'b' })).not.toThrow();
    expect(() => safe.error('x')).not.toThrow();
    expect(() => safe.debug('x')).not.toThrow();
  });
});
