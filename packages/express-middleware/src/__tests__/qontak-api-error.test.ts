import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { runInNewContext } from 'node:vm';
import { QontakAccessTokenAuth } from '@qontak/auth-core';
import { createQontakClient, paginate } from '@qontak/client';
import { DEMO_ACCESS_TOKEN, startEmulator, type EmulatorFault, type QontakEmulator } from '@qontak/emulator';
import type { ErrorRequestHandler } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from 'qontak-test-support';
import { qontakAuth, qontakErrorHandler, type QontakErrorLogContext } from '../index';
import { expressVersions } from './schemes';

const BAD_GATEWAY_BODY = { error: 'bad_gateway', message: 'The upstream service refused this request.' };
const UNAVAILABLE_BODY = {
  error: 'service_unavailable',
  message: 'The upstream service is unavailable; try again later.',
};

describe.each(expressVersions)('qontakErrorHandler and a QontakApiError on %s', (_version, createExpress) => {
  let emulator: QontakEmulator;
  let auth: QontakAccessTokenAuth;
  const servers: Server[] = [];

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    auth = new QontakAccessTokenAuth({ baseUrl: emulator.url, accessToken: DEMO_ACCESS_TOKEN });
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => closeServer(server)));
    await emulator.close();
  });

  /**
   * A real app: `/templates` lists Qontak's templates with `paginate` of `@qontak/client` (which throws a
   * `QontakApiError` when Qontak answers a page with an error status); `/health` calls the client with a
   * 300 ms `timeoutMs`; `/foreign` throws one made in another realm; `qontakErrorHandler` last, then a
   * fallback that names what reached it.
   */
  async function serve(options: Parameters<typeof qontakErrorHandler>[0]): Promise<string> {
    const client = createQontakClient(auth);
    const app = createExpress();
    app.set('env', 'production');
    app.get('/templates', qontakAuth({ auth }), async (_req, res, next) => {
      try {
        const names: string[] = [];
        for await (const template of paginate(client, '/v1/templates/whatsapp', { maxItems: 5 })) {
          names.push(template.name);
        }
        res.json({ names });
      } catch (error) {
        next(error);
      }
    });
    app.get('/health', async (_req, res, next) => {
      try {
        const { response } = await createQontakClient(auth, { timeoutMs: 300 }).GET('/v1/health');
        res.status(response.status).end();
      } catch (error) {
        next(error);
      }
    });
    app.get('/foreign', () => {
      throw runInNewContext(
        "Object.assign(new Error('Qontak answered HTTP 502 to GET /v1/integrations'), { name: 'QontakApiError', status: 502 })",
      );
    });
    app.get('/look-alike', () => {
      throw Object.assign(new Error('not from the client'), { name: 'QontakApiErrorButNot', status: 500 });
    });
    app.use(qontakErrorHandler(options));
    const fallback: ErrorRequestHandler = (err: Error, _req, res, _next) => {
      res.status(599).json({ unhandled: err.name });
    };
    app.use(fallback);
    const { base, server } = await listenOnLoopback(app);
    servers.push(server);
    return base;
  }

  it('lists templates when Qontak answers', async () => {
    const base = await serve({ logger: { error: () => undefined } });

    const response = await fetch(`${base}/templates`);

    expect(response.status).toBe(200);
    expect(((await response.json()) as { names: string[] }).names.length).toBeGreaterThan(0);
  });

  // The client sends a GET answered 429 or 503 three times in all (its default retry): the fault lasts that long.
  it.each<[string, EmulatorFault, number, object, number]>([
    ['a 500', { type: 'status', status: 500 }, 503, UNAVAILABLE_BODY, 1],
    ['a 503', { type: 'status', status: 503 }, 503, UNAVAILABLE_BODY, 3],
    ['a 429', { type: 'status', status: 429 }, 503, UNAVAILABLE_BODY, 3],
    ['a 404', { type: 'status', status: 404 }, 502, BAD_GATEWAY_BODY, 1],
    [
      'a 422 with its error envelope',
      {
        type: 'raw',
        status: 422,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'error', error: { code: 422, messages: ['limit is invalid'] } }),
      },
      502,
      BAD_GATEWAY_BODY,
      1,
    ],
  ])(
    'answers %s from Qontak to a page of paginate with %i and the generic body, logging qontak_api_error',
    async (_label, fault, status, body, attempts) => {
      const logged: QontakErrorLogContext[] = [];
      const base = await serve({ logger: { error: (_message, context) => logged.push(context) } });
      emulator.faults.inject('templates', fault, attempts);

      const response = await fetch(`${base}/templates?session=query-must-not-be-logged`);

      expect(response.status).toBe(status);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual(body);
      expect(logged).toEqual([
        {
          code: 'qontak_api_error',
          status,
          message: expect.stringMatching(/^Qontak answered HTTP \d{3} to GET \/v1\/templates\/whatsapp/),
          method: 'GET',
          path: '/templates',
        },
      ]);
      expect(emulator.faults.pending()).toBe(0);
    },
  );

  it("answers the client's timeout (Qontak does not answer within timeoutMs) with 503 and the generic body", async () => {
    const logged: QontakErrorLogContext[] = [];
    const base = await serve({ logger: { error: (_message, context) => logged.push(context) } });
    emulator.faults.inject('health', { type: 'hang' });

    const response = await fetch(`${base}/health`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual(UNAVAILABLE_BODY);
    expect(logged).toEqual([
      expect.objectContaining({
        code: 'qontak_api_error',
        status: 503,
        message:
          "Qontak's answer to GET /v1/health did not arrive within timeoutMs (300 ms); the request was aborted.",
      }),
    ]);
  });

  it('answers with the code and message under exposeDetails: true', async () => {
    const base = await serve({ exposeDetails: true, logger: { error: () => undefined } });
    emulator.faults.inject('templates', { type: 'status', status: 500 });

    const response = await fetch(`${base}/templates`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: 'qontak_api_error',
      message: expect.stringMatching(/^Qontak answered HTTP 500 to GET \/v1\/templates\/whatsapp/),
    });
  });

  it('recognizes a QontakApiError from another realm by its name, and passes a look-alike on', async () => {
    const base = await serve({ logger: { error: () => undefined } });

    const foreign = await fetch(`${base}/foreign`);
    expect(foreign.status).toBe(503);
    expect(await foreign.json()).toEqual(UNAVAILABLE_BODY);

    const lookAlike = await fetch(`${base}/look-alike`);
    expect(lookAlike.status).toBe(599);
    expect(await lookAlike.json()).toEqual({ unhandled: 'QontakApiErrorButNot' });
  });
});

describe('@qontak/express-middleware at run time', () => {
  it('loads nothing of @qontak/client (it recognizes a QontakApiError by its name)', () => {
    for (const file of ['index.js', 'index.cjs']) {
      const built = readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
      expect(built).toContain('isQontakApiError');
      expect(built).not.toContain('@qontak/client');
    }
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    expect(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })).not.toContain(
      '@qontak/client',
    );
  });
});
