import { describe, expect, it } from 'vitest';
import { readBoundedBody } from '../contract/bounded-body';
import { isPlainPathSegment } from '../contract/lenient-path';
import { redactSentCredentials } from '../contract/sent-credentials';
import { recordingServer, tokenIssuer } from './support/recording-server';
import { SCHEMES_ON } from './support/schemes-on';

describe.each(Object.entries(SCHEMES_ON))('redactSentCredentials, %s', (_name, make) => {
  it('takes the credentials the request carried out of an answer that echoes them, in every spelling', async () => {
    const tokens = tokenIssuer();
    const server = await recordingServer((request, response) => {
      if (request.path === '/oauth/token') return tokens.answer(response);
      const authorization = request.headers.authorization ?? '';
      const secret = /signature="([^"]+)"/.exec(authorization)?.[1] ?? authorization.replace(/^Bearer /, '');
      response
        .writeHead(403, { 'content-type': 'text/plain' })
        .end(`${authorization}\r\n${secret}|${encodeURIComponent(secret)}|${JSON.stringify(secret)}`);
    });
    const auth = make(server.url);
    const response = await auth.fetch(`${auth.apiBaseUrl}/v1/health`);
    const text = await response.text();
    await auth.close();
    const sent = server.requests.find((request) => request.path.endsWith('/v1/health'))!.headers
      .authorization!;
    const secret = /signature="([^"]+)"/.exec(sent)?.[1] ?? sent.replace(/^Bearer /, '');
    expect(text).toContain(secret);
    const redacted = redactSentCredentials(text, response);
    expect(redacted).not.toContain(secret);
    expect(redacted).not.toContain(encodeURIComponent(secret));
    expect(redacted).toBe('[redacted]  [redacted]|[redacted]|"[redacted]"');
  });
});

describe('redactSentCredentials on a response that no scheme sent', () => {
  it('only replaces control characters', () => {
    expect(redactSentCredentials('a\r\nb\tc\u0000d', new Response('x'))).toBe('a  b c d');
  });
});

describe('readBoundedBody', () => {
  it('stops a body that drips when its signal aborts: rejects with the reason at once and closes the connection', async () => {
    let closed!: Promise<void>;
    const server = await recordingServer((_request, response) => {
      closed = new Promise((resolve) => response.on('close', () => resolve()));
      response.writeHead(200, { 'content-type': 'text/plain' }).flushHeaders();
      const drip = setInterval(() => response.write('.'), 100);
      response.on('close', () => clearInterval(drip));
    });
    const response = await fetch(server.url);
    const controller = new AbortController();
    const reason = new Error('enough');
    setTimeout(() => controller.abort(reason), 300);
    const started = Date.now();
    await expect(readBoundedBody(response, 1024, controller.signal)).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2_000);
    await closed;
  });

  it('reads a body up to maxBytes, and answers undefined past it', async () => {
    expect(await readBoundedBody(new Response('abc'), 3)).toEqual(new Uint8Array([97, 98, 99]));
    expect(await readBoundedBody(new Response('abcd'), 3)).toBeUndefined();
    expect(await readBoundedBody(new Response(null), 3)).toEqual(new Uint8Array(0));
  });
});

describe('isPlainPathSegment', () => {
  it.each([
    ['abc-123', true],
    ['6f9619ff-8b86-d011-b42d-00cf4fc964ff', true],
    ['a.b', true],
    ['...', true],
    ['', false],
    [' ', false],
    ['.', false],
    ['..', false],
    ['%2e', false],
    ['%2E%2e', false],
    ['%252e%252e', false],
    ['%25252E', false],
    ['..;x', false],
    ['.%00.', false],
    ['a/b', false],
    ['a%2Fb', false],
    ['a%5cb', false],
    ['a\\b', false],
    ['%252F', false],
  ])('%j -> %s', (text, expected) => {
    expect(isPlainPathSegment(text)).toBe(expected);
  });
});
