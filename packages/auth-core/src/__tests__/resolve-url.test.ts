import { describe, expect, it } from 'vitest';
import { resolveUrl } from '../contract/resolve-url';

describe('resolveUrl', () => {
  const base = 'https://chat-service.qontak.com';

  it('appends paths to the base URL', () => {
    expect(resolveUrl(base, '/api/open/v1/health').href).toBe(
      'https://chat-service.qontak.com/api/open/v1/health',
    );
    expect(resolveUrl(`${base}/prefix`, 'api/x').href).toBe('https://chat-service.qontak.com/prefix/api/x');
  });

  it('keeps absolute and protocol-relative URLs on their own host', () => {
    expect(resolveUrl(base, 'https://example.com/x').origin).toBe('https://example.com');
    expect(resolveUrl(base, '//evil.example/x').origin).toBe('https://evil.example');
    expect(resolveUrl(base, new URL('http://127.0.0.1:1/y')).href).toBe('http://127.0.0.1:1/y');
  });
});
