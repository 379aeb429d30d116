import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { paginate } from '../paginate';
import { hostileQontak, stream } from './support/hostile-qontak';
import { authorizerFor, SCHEMES } from './support/schemes';

const MiB = 1024 * 1024;

/** What `paginate` throws for the first page. */
async function firstPageError(url: string, scheme: (typeof SCHEMES)[number][0]): Promise<Error> {
  const client = createQontakClient(authorizerFor(scheme, url));
  try {
    await paginate(client, '/v1/templates/whatsapp').next();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected paginate to throw');
}

/** Every way an error reaches a log: its message and stack, `util.inspect` at any depth, `JSON.stringify`. */
function everyOutput(error: Error): string {
  return [
    error.message,
    String(error.stack),
    String(error),
    inspect(error, { depth: Infinity, showHidden: true }),
    JSON.stringify(error),
  ].join('\n');
}

describe.each(SCHEMES)('QontakApiError, with a %s', (scheme) => {
  it('a 403 that echoes the credentials the request carried: none of them in any output of the error', async () => {
    const sent: string[] = [];
    const url = await hostileQontak((req, res) => {
      const authorization = req.headers.authorization ?? '';
      sent.push(authorization);
      const token = authorization.replace(/^Bearer /, '');
      const signature = /signature="([^"]+)"/.exec(authorization)?.[1] ?? '';
      res.writeHead(403, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          status: 'error',
          error: {
            code: 403,
            messages: [
              `the token ${token} may not read templates\r\nINFO forged log line`,
              `you sent: ${authorization}`,
              `encoded: ${encodeURIComponent(token)} ${encodeURIComponent(signature)}`,
            ],
          },
          request: { headers: req.headers, signature },
        }),
      );
    });
    const error = await firstPageError(url, scheme);
    expect(error).toMatchObject({ name: 'QontakApiError', code: 'http_error', status: 403 });
    expect(sent).toHaveLength(1);
    const secrets = [sent[0]!.replace(/^Bearer /, ''), /signature="([^"]+)"/.exec(sent[0]!)?.[1]].filter(
      (secret): secret is string => secret !== undefined && secret.length > 0,
    );
    expect(secrets.length).toBeGreaterThan(0);
    const output = everyOutput(error);
    for (const secret of secrets) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain(encodeURIComponent(secret));
    }
    expect(error.message).toMatch(
      /^Qontak answered HTTP 403 to GET \/v1\/templates\/whatsapp: the token \[redacted\] may not read templates {2}INFO forged log line; /,
    );
    expect(error.message).not.toMatch(/[\r\n]/);
  });
});

describe('QontakApiError bounds', () => {
  it('deeply nested messages (100,000 levels): a QontakApiError, not a RangeError, with a body 6 levels deep', async () => {
    const url = await hostileQontak((_req, res) => {
      res
        .writeHead(422, { 'content-type': 'application/json' })
        .end(
          `{"status":"error","error":{"code":422,"messages":${'['.repeat(100_000)}"deep"${']'.repeat(100_000)}}}`,
        );
    });
    const error = await firstPageError(url, 'dashboard access token');
    expect(error).toMatchObject({ name: 'QontakApiError', code: 'http_error', status: 422 });
    expect(error.message).toBe('Qontak answered HTTP 422 to GET /v1/templates/whatsapp');
    expect(JSON.stringify(error).length).toBeLessThan(1_000);
  });

  it('a 5 MiB error page: the error keeps 1,000 characters of it, and prints in less than 16 KiB', async () => {
    const url = await hostileQontak((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' }).end(`<html>${'x'.repeat(5 * MiB)}</html>`);
    });
    const error = await firstPageError(url, 'password grant');
    expect(error).toMatchObject({ name: 'QontakApiError', code: 'http_error', status: 500 });
    expect((error as Error & { body: string }).body).toHaveLength(1_001);
    expect(JSON.stringify(error).length).toBeLessThan(16 * 1024);
    expect(inspect(error, { depth: Infinity }).length).toBeLessThan(16 * 1024);
  });

  it('an object with 100,000 members and strings of 1 MiB: at most 50 members and 1,000 characters each', async () => {
    const url = await hostileQontak((_req, res) => {
      const members = Array.from({ length: 100_000 }, (_, index) => `"m${index}":${index}`).join(',');
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(`{"message":"${'y'.repeat(MiB)}",${members}}`);
    });
    const error = await firstPageError(url, 'Mekari HMAC');
    const body = (error as Error & { body: Record<string, unknown> }).body;
    expect(Object.keys(body)).toHaveLength(51);
    expect(body['message']).toHaveLength(1_001);
    expect(error.message).toHaveLength(
      'Qontak answered HTTP 400 to GET /v1/templates/whatsapp: '.length + 301,
    );
    expect(JSON.stringify(error).length).toBeLessThan(16 * 1024);
  });

  it('a 50 MiB error page: response_too_large, the rest of the page is not downloaded', async () => {
    let sent: Promise<number> = Promise.resolve(0);
    const url = await hostileQontak((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      sent = stream(res, Buffer.alloc(MiB, 'z'), 50);
    });
    const error = await firstPageError(url, 'dashboard access token');
    expect(error).toMatchObject({ name: 'QontakApiError', code: 'response_too_large', status: 502 });
    expect(JSON.stringify(error).length).toBeLessThan(1_000);
    expect(await sent).toBeLessThan(32 * MiB);
  });
});
