import { describe, expect, it } from 'vitest';
import { QontakAuth } from '../qontak-auth';

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
  ['https://chat-service.qontak.com/', true],
  ['https://chat-service.qontak.com/api/open/v1/x?next=/oauth/token', true],
  ['https://chat-service.qontak.com//evil.example/x', true],
  ['https://chat-service.qontak.com/oauth/token', false],
  ['https://chat-service.qontak.com/oauth/token?x=1', false],
  ['https://chat-service.qontak.com/oauth/revoke', false],
  ['https://chat-service.qontak.com/oauth/token/', false],
  ['https://chat-service.qontak.com/oauth/token.json', false],
  ['https://chat-service.qontak.com/oauth', false],
  ['https://chat-service.qontak.com/oauthentic/x', true],
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
];

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
