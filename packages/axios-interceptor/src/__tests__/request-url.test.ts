import type { InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { requestUrl } from '../request-url';

function config(fields: Partial<InternalAxiosRequestConfig>): InternalAxiosRequestConfig {
  return fields as InternalAxiosRequestConfig;
}

describe('requestUrl', () => {
  it('resolves a remembered URL only for the same base URL and path', () => {
    const first = requestUrl(config({ baseURL: 'https://a.example/x', url: 'y' }));
    const second = requestUrl(config({ baseURL: 'https://a.example/', url: 'xy' }));
    expect(first).toBe('https://a.example/x/y');
    expect(second).toBe('https://a.example/xy');
  });

  it('does not mix up where the base URL ends and the path begins', () => {
    const first = requestUrl(config({ baseURL: 'https://a.example/p', url: '\nq' }));
    const second = requestUrl(config({ baseURL: 'https://a.example/p\n', url: 'q' }));
    expect(first).not.toBe(second);
  });

  it('lets an absolute URL win unless allowAbsoluteUrls is false, remembered apart', () => {
    const base = 'https://chat-service.qontak.com/api/open';
    expect(requestUrl(config({ baseURL: base, url: 'https://evil.example/v1' }))).toBe(
      'https://evil.example/v1',
    );
    expect(
      requestUrl(config({ baseURL: base, url: 'https://evil.example/v1', allowAbsoluteUrls: false })),
    ).toBe(`${base}/https://evil.example/v1`);
  });

  it('serializes params on every call', () => {
    const base = { baseURL: 'https://a.example', url: '/list' };
    expect(requestUrl(config({ ...base, params: { offset: 1 } }))).toBe('https://a.example/list?offset=1');
    expect(requestUrl(config({ ...base, params: { offset: 2 } }))).toBe('https://a.example/list?offset=2');
  });
});
