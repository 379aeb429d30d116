import { describe, expect, it } from 'vitest';
import { ExampleUsageError, readExampleOptions } from '../example-options';

describe('readExampleOptions', () => {
  it('defaults to the password grant on port 3000', () => {
    expect(readExampleOptions([], {})).toEqual({ port: 3000, scheme: 'password' });
  });

  it('takes the scheme from QONTAK_EMULATOR_SCHEME, and from --scheme over it', () => {
    expect(readExampleOptions([], { QONTAK_EMULATOR_SCHEME: 'access-token' }).scheme).toBe('access-token');
    expect(
      readExampleOptions(['--scheme', 'mekari-hmac'], { QONTAK_EMULATOR_SCHEME: 'access-token' }).scheme,
    ).toBe('mekari-hmac');
    expect(readExampleOptions(['--scheme=access-token'], {}).scheme).toBe('access-token');
    expect(readExampleOptions([], { QONTAK_EMULATOR_SCHEME: '' }).scheme).toBe('password');
  });

  it('reads PORT', () => {
    expect(readExampleOptions([], { PORT: '0' }).port).toBe(0);
    expect(readExampleOptions([], { PORT: '8080' }).port).toBe(8080);
  });

  it.each([
    [['--scheme', 'toString'], {}, /Unknown scheme "toString"/],
    [['--scheme', 'hmac'], {}, /Unknown scheme "hmac": use one of password, access-token, mekari-hmac/],
    [['--scheme'], {}, /--scheme needs a value/],
    [['--verbose'], {}, /Unknown argument --verbose/],
    [[], { QONTAK_EMULATOR_SCHEME: 'oauth' }, /Unknown scheme "oauth"/],
    [[], { PORT: 'http' }, /PORT must be a port number/],
    [[], { PORT: '70000' }, /PORT must be a port number/],
  ] as const)('refuses %j with %j', (argv, env, message) => {
    expect(() => readExampleOptions(argv, env)).toThrow(ExampleUsageError);
    expect(() => readExampleOptions(argv, env)).toThrow(message);
  });
});
