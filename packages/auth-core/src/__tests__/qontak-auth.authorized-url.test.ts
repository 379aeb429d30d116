import { describe, expect, it } from 'vitest';
import { QontakAuth } from '../password/password-auth';

const auth = new QontakAuth({
  baseUrl: 'https://chat-service.qontak.com',
  allowedOrigins: ['https://service-chat.qontak.com'],
  username: 'u@example.com',
  password: 'p',
});

const cases: Array<[string, boolean]> = [
  ['https://chat-service.qontak.com/api/open/v1/health', true],
  ['https://chat-service.qontak.com/api/open/v1/rooms?page=2#top', true],
  ['https://service-chat.qontak.com/api/open/v1/health', true],
  ['https://chat-service.qontak.com/', false],
  ['https://chat-service.qontak.com/api/open/v1/x?next=/oauth/token', true],
  ['https://chat-service.qontak.com//evil.example/x', false],
  ['https://chat-service.qontak.com/oauth/token', false],
  ['https://chat-service.qontak.com/oauth/token?x=1', false],
  ['https://chat-service.qontak.com/oauth/revoke', false],
  ['https://chat-service.qontak.com/oauth/token/', false],
  ['https://chat-service.qontak.com/oauth/token.json', false],
  ['https://chat-service.qontak.com/oauth', false],
  ['https://chat-service.qontak.com/oauthentic/x', false],
  ['https://chat-service.qontak.com/oauth/./token', false],
  ['https://chat-service.qontak.com/oauth/x/../token', false],
  ['https://chat-service.qontak.com/oauth\\token', false],
  ['https://chat-service.qontak.com/oauth/tok\ten', false],
  ['https://CHAT-SERVICE.qontak.com/api/open/v1/health', true],
  ['https://chat-service.qontak.com:443/api/open/v1/health', true],
  ['https://chat-service.qontak.com.evil.example/api', false],
  ['https://chat-service.qontak.com@evil.example/api', false],
  ['http://chat-service.qontak.com/api/open/v1/health', false],
  ['https://chat-service.qontak.com:8443/api', false],
  ['//chat-service.qontak.com/api', false],
  ['/api/open/v1/health', false],
  ['not a url', false],
  ['https://chat-service.qontak.com/OAUTH/token', false],
  ['https://chat-service.qontak.com/OAuth/Revoke', false],
  ['https://chat-service.qontak.com//oauth/token', false],
  ['https://chat-service.qontak.com///oauth//token', false],
  ['https://chat-service.qontak.com/%6Fauth/token', false],
  ['https://chat-service.qontak.com/%6fAUTH/token', false],
  ['https://chat-service.qontak.com/%256Fauth/token', false],
  ['https://chat-service.qontak.com/oauth;x/token', false],
  ['https://chat-service.qontak.com/oauth;/token', false],
  ['https://chat-service.qontak.com/oauth%2Ftoken', false],
  ['https://chat-service.qontak.com/oauth%2ftoken', false],
  ['https://chat-service.qontak.com/oauth%5Ctoken', false],
  ['https://chat-service.qontak.com/api/open/..%2F..%2Foauth/token', false],
  ['https://chat-service.qontak.com/api/%2e%2e/%2e%2e/oauth/token', false],
  ['https://chat-service.qontak.com/oauth%00/token', false],
  ['https://chat-service.qontak.com/oauth%20/token', false],
  ['https://chat-service.qontak.com/api/open/v1/oauth/token', true],
  ['https://chat-service.qontak.com/api/open/v1/rooms/%6Fauth', true],
];

const withBasePath = new QontakAuth({
  baseUrl: 'https://gateway.example.com/qontak',
  username: 'u@example.com',
  password: 'p',
});

const basePathCases: Array<[string, boolean]> = [
  ['https://gateway.example.com/qontak/api/open/v1/health', true],
  ['https://gateway.example.com/qontak/oauth/token', false],
  ['https://gateway.example.com/QONTAK/OAUTH/token', false],
  ['https://gateway.example.com/qontak//%6Fauth/token', false],
  ['https://gateway.example.com/oauth/token', false],
  ['https://gateway.example.com/%6Fauth;v=1/token', false],
];

describe('QontakAuth.isAuthorizedUrl with a base path', () => {
  it.each(basePathCases)('%s -> %s', (url, expected) => {
    expect(withBasePath.isAuthorizedUrl(url)).toBe(expected);
    expect(withBasePath.isAuthorizedUrl(new URL(url))).toBe(expected);
  });
});

describe('QontakAuth.isAuthorizedUrl', () => {
  it.each(cases)('%s -> %s, the same for the string and the parsed URL', (url, expected) => {
    expect(auth.isAuthorizedUrl(url)).toBe(expected);
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed) expect(auth.isAuthorizedUrl(parsed)).toBe(expected);
  });
});
