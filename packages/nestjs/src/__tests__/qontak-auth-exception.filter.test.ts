import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Inject, NotFoundException, UseFilters } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { RequestAuthorizer } from '@qontak/auth-core';
import { QontakClient, paginate } from '@qontak/client';
import type { AxiosInstance } from 'axios';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { InjectQontakHttp } from '../inject-qontak-http.decorator';
import { QontakAuthExceptionFilter } from '../qontak-auth-exception.filter';
import { QontakAuthModule } from '../qontak-auth.module';
import type { QontakAuthModuleExtras } from '../qontak-auth.module-definition';
import type { QontakAuthModuleOptions } from '../qontak-auth.module-options';
import { DEMO_ACCESS_TOKEN } from '@qontak/emulator';
import {
  closeEmulator,
  emulator,
  getJson,
  optionsFor,
  RecordingLogger,
  SECRETS,
  startApp,
} from './support/nest-fixture';

const WRONG_PASSWORD = 'Wr0ng-Password-e4c9d2';

/** Routes that need Qontak credentials and map no error themselves. */
@Controller('qontak')
class QontakController {
  constructor(
    @InjectQontakHttp() private readonly http: AxiosInstance,
    @Inject(RequestAuthorizer) private readonly qontak: RequestAuthorizer,
  ) {}

  /** Through the injected axios client. */
  @Get('health')
  async health() {
    return (await this.http.get<unknown>(this.qontak.healthUrl)).data;
  }

  /** Through the injected authorizer. */
  @Get('fetch')
  async viaFetch() {
    const response = await this.qontak.fetch(`${this.qontak.healthUrl}?q=caller-secret-in-query`);
    return { status: response.status };
  }
}

/** Lists Qontak's templates with `paginate`, which throws a `QontakApiError` on an error status. */
@Controller('templates')
class TemplatesController {
  constructor(@Inject(QontakClient) private readonly qontak: QontakClient) {}

  @Get()
  async list() {
    const names: string[] = [];
    for await (const template of paginate(this.qontak, '/v1/templates/whatsapp', { maxItems: 5 })) {
      names.push(template.name);
    }
    return { names };
  }
}

/** Errors that are not `QontakAuthError`s, and one from "another copy" of the core (name and code only). */
@Controller('other')
class OtherErrorsController {
  @Get('plain')
  plain() {
    throw new Error('boom');
  }

  @Get('not-found')
  notFound() {
    throw new NotFoundException('no such thing');
  }

  @Get('foreign-qontak-error')
  foreign() {
    throw Object.assign(new Error('Qontak did not answer in time.'), {
      name: 'QontakAuthError',
      code: 'timeout',
    });
  }
}

const GENERIC_502 = { error: 'bad_gateway', message: 'The upstream service refused this request.' };
const GENERIC_503 = {
  error: 'service_unavailable',
  message: 'The upstream service is unavailable; try again later.',
};

let savedNodeEnv: string | undefined;
beforeEach(() => {
  savedNodeEnv = process.env['NODE_ENV'];
});
afterEach(() => {
  if (savedNodeEnv === undefined) delete process.env['NODE_ENV'];
  else process.env['NODE_ENV'] = savedNodeEnv;
});

/** An app with the module's `exceptionFilter` option and the routes above; Nest's logs recorded. */
async function filteredApp(options: QontakAuthModuleOptions, extras: QontakAuthModuleExtras = {}) {
  const logger = new RecordingLogger();
  const { app, url } = await startApp(
    {
      imports: [QontakAuthModule.forRoot({ ...options, exceptionFilter: true, ...extras })],
      controllers: [QontakController, OtherErrorsController, TemplatesController],
    },
    { logger },
  );
  return { app, url, logger };
}

describe('QontakAuthExceptionFilter', () => {
  it('in production: a wrong password answers 502 with a generic JSON body, no-store, and logs one line without a stack or secret', async () => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    const { url, logger } = await filteredApp(optionsFor(server, { password: WRONG_PASSWORD }));

    const { status, body, text, headers } = await getJson(`${url}/qontak/health`);

    expect(status).toBe(502);
    expect(body).toEqual(GENERIC_502);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('retry-after')).toBeNull();
    const lines = logger.errors('QontakAuthExceptionFilter');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.message).toMatch(/^GET \/qontak\/health answered 502 \(invalid_grant\): \S/);
    const logged = JSON.stringify(logger.lines);
    expect(logged).not.toMatch(/\n\s+at /);
    for (const secret of [WRONG_PASSWORD, ...SECRETS]) {
      expect(text).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
  });

  it('logs the path without its query string, and answers the injected authorizer the same way', async () => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    const { url, logger } = await filteredApp(optionsFor(server, { password: WRONG_PASSWORD }));

    const { status, body } = await getJson(`${url}/qontak/fetch?token=caller-secret-in-query`);

    expect({ status, body }).toEqual({ status: 502, body: GENERIC_502 });
    expect(logger.errors('QontakAuthExceptionFilter').map((line) => line.message)).toEqual([
      expect.stringMatching(/^GET \/qontak\/fetch answered 502 \(invalid_grant\)/),
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('caller-secret-in-query');
  });

  it('answers 503 without Retry-After when Qontak cannot be reached', async () => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    const options = optionsFor(server, { retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
    await closeEmulator(server);
    const { url, logger } = await filteredApp(options);

    const { status, body, headers } = await getJson(`${url}/qontak/health`);

    expect({ status, body }).toEqual({ status: 503, body: GENERIC_503 });
    expect(headers.get('retry-after')).toBeNull();
    expect(logger.errors('QontakAuthExceptionFilter')[0]?.message).toContain('(network_error)');
  });

  it('answers 503 with Retry-After when Qontak rate-limits beyond the retry budget', async () => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    server.faults.inject('token', { type: 'status', status: 429, retryAfter: '120' });
    const { url } = await filteredApp(optionsFor(server));

    const { status, body, headers } = await getJson(`${url}/qontak/health`);

    expect({ status, body }).toEqual({ status: 503, body: GENERIC_503 });
    expect(headers.get('retry-after')).toBe('120');
    expect(server.stats().faultsServed).toBe(1);
  });

  it.each([
    ['a 400-digit number of seconds', '9'.repeat(400)],
    ['a date in the year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT'],
  ])(
    'answers a hostile token endpoint whose Retry-After is %s with at most one day of Retry-After',
    async (_label, retryAfter) => {
      process.env['NODE_ENV'] = 'production';
      const hostile = createServer((_req, res) => {
        res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': retryAfter }).end('slow down');
      });
      hostile.listen(0, '127.0.0.1');
      await once(hostile, 'listening');
      onTestFinished(() => new Promise<void>((resolve) => hostile.close(() => resolve())));
      const hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
      const { url } = await filteredApp(optionsFor({ url: hostileUrl }));

      const { status, body, headers } = await getJson(`${url}/qontak/health`);

      expect({ status, body }).toEqual({ status: 503, body: GENERIC_503 });
      expect(headers.get('retry-after')).toBe('86400');
    },
  );

  it('answers a 5xx from the token endpoint with 503 after the retries', async () => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    server.faults.inject('token', { type: 'status', status: 500 }, 10);
    const { url } = await filteredApp(
      optionsFor(server, { retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }),
    );

    expect(await getJson(`${url}/qontak/health`)).toMatchObject({ status: 503, body: GENERIC_503 });
    expect(server.stats().faultsServed).toBe(2);
  });

  it('answers 502 when the token endpoint answers something that is not a token', async () => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    server.faults.inject('token', { type: 'malformed-json' }, 10);
    const { url } = await filteredApp(optionsFor(server));

    const { status, headers, body } = await getJson(`${url}/qontak/health`);
    expect({ status, body }).toEqual({ status: 502, body: GENERIC_502 });
    expect(headers.get('retry-after')).toBeNull();
  });

  it('with exposeDetails, the body carries the code and message (never a secret)', async () => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    const { url } = await filteredApp(optionsFor(server, { password: WRONG_PASSWORD }), {
      exceptionFilter: { exposeDetails: true },
    });

    const { status, body, text } = await getJson(`${url}/qontak/health`);

    expect(status).toBe(502);
    expect(body).toEqual({ error: 'invalid_grant', message: expect.stringMatching(/\S/) });
    expect((body as { message: string }).message).not.toBe(GENERIC_502.message);
    for (const secret of [WRONG_PASSWORD, ...SECRETS]) expect(text).not.toContain(secret);
  });

  it.each([['false'], ['true'], ['1']])(
    "exposeDetails: '%s' (a string from an environment variable) keeps the body generic, in production and in development",
    async (value) => {
      for (const env of ['production', 'development']) {
        process.env['NODE_ENV'] = env;
        const server = await emulator();
        const { url } = await filteredApp(optionsFor(server, { password: WRONG_PASSWORD }), {
          exceptionFilter: { exposeDetails: value as never },
        });

        expect(await getJson(`${url}/qontak/health`)).toMatchObject({ status: 502, body: GENERIC_502 });
      }
    },
  );

  it.each([
    ['development', true],
    ['test', true],
    ['production', false],
    ['staging', false],
    [undefined, false],
  ])('exposes details by default only in development and test: NODE_ENV=%s -> %s', async (env, exposed) => {
    if (env === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = env;
    const server = await emulator();
    const { url } = await filteredApp(optionsFor(server, { password: WRONG_PASSWORD }));

    const { body } = await getJson(`${url}/qontak/health`);

    expect((body as { error: string }).error).toBe(exposed ? 'invalid_grant' : 'bad_gateway');
  });

  it('catches only QontakAuthError: other errors keep Nest’s own answers; one from another copy of the core is caught', async () => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    const { url } = await filteredApp(optionsFor(server));

    expect(await getJson(`${url}/other/plain`)).toMatchObject({
      status: 500,
      body: { statusCode: 500, message: 'Internal server error' },
    });
    expect(await getJson(`${url}/other/not-found`)).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: 'no such thing' },
    });
    expect(await getJson(`${url}/other/foreign-qontak-error`)).toMatchObject({
      status: 503,
      body: GENERIC_503,
    });
  });

  // The client sends a GET answered 429 three times in all (its default retry): the fault lasts that long.
  it.each([
    [500, 503, GENERIC_503, 1],
    [429, 503, GENERIC_503, 3],
    [404, 502, GENERIC_502, 1],
    [422, 502, GENERIC_502, 1],
  ])(
    'answers Qontak %i to a page of paginate (a QontakApiError) with %i and the generic body, logged as qontak_api_error',
    async (qontakStatus, status, body, attempts) => {
      process.env['NODE_ENV'] = 'production';
      const server = await emulator();
      server.faults.inject('templates', { type: 'status', status: qontakStatus }, attempts);
      const { url, logger } = await filteredApp({ baseUrl: server.url, accessToken: DEMO_ACCESS_TOKEN });

      expect(await getJson(`${url}/templates`)).toMatchObject({ status, body });
      expect(logger.errors('QontakAuthExceptionFilter').map((line) => line.message)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^GET /templates answered ${status} \\(qontak_api_error\\): Qontak answered HTTP ${qontakStatus}`,
          ),
        ),
      ]);
    },
  );

  it('without the filter, the same failure is Nest’s bare 500', async () => {
    const server = await emulator();
    const { url } = await startApp({
      imports: [QontakAuthModule.forRoot(optionsFor(server, { password: WRONG_PASSWORD }))],
      controllers: [QontakController],
    });

    expect(await getJson(`${url}/qontak/health`)).toMatchObject({
      status: 500,
      body: { statusCode: 500, message: 'Internal server error' },
    });
  });

  it('app.useGlobalFilters(new QontakAuthExceptionFilter(app.get(HttpAdapterHost), options)) registers it', async () => {
    const server = await emulator();
    const { url } = await startApp(
      {
        imports: [QontakAuthModule.forRoot(optionsFor(server, { password: WRONG_PASSWORD }))],
        controllers: [QontakController],
      },
      {
        configure: (app) =>
          app.useGlobalFilters(
            new QontakAuthExceptionFilter(app.get(HttpAdapterHost), { exposeDetails: false }),
          ),
      },
    );

    expect(await getJson(`${url}/qontak/health`)).toMatchObject({ status: 502, body: GENERIC_502 });
  });

  it('app.useGlobalFilters(new QontakAuthExceptionFilter()), as Nest users register filters, answers through the response itself', async () => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    server.faults.inject('token', { type: 'status', status: 429, retryAfter: '120' });
    const logger = new RecordingLogger();
    const { url } = await startApp(
      {
        imports: [QontakAuthModule.forRoot(optionsFor(server))],
        controllers: [QontakController, OtherErrorsController],
      },
      { logger, configure: (app) => app.useGlobalFilters(new QontakAuthExceptionFilter()) },
    );

    const limited = await getJson(`${url}/qontak/health?token=caller-secret-in-query`);
    expect({ status: limited.status, body: limited.body }).toEqual({ status: 503, body: GENERIC_503 });
    expect(limited.headers.get('content-type')).toMatch(/^application\/json/);
    expect(limited.headers.get('cache-control')).toBe('no-store');
    expect(limited.headers.get('retry-after')).toBe('120');
    expect(logger.errors('QontakAuthExceptionFilter').map((line) => line.message)).toEqual([
      expect.stringMatching(/^GET \/qontak\/health answered 503 \(rate_limited\)/),
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('caller-secret-in-query');
    expect(await getJson(`${url}/other/not-found`)).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: 'no such thing' },
    });
  });

  it.each([
    ['app.useGlobalFilters(new QontakAuthExceptionFilter())', 'global'],
    ['the module option exceptionFilter (the injected HttpAdapterHost)', 'module'],
  ] as const)('answers on Fastify too, registered with %s', async (_label, registration) => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    server.faults.inject('token', { type: 'status', status: 429, retryAfter: '120' });
    const { url } = await startApp(
      {
        imports: [
          QontakAuthModule.forRoot({ ...optionsFor(server), exceptionFilter: registration === 'module' }),
        ],
        controllers: [QontakController, OtherErrorsController],
      },
      {
        httpAdapter: new FastifyAdapter(),
        configure: (app) => {
          if (registration === 'global') app.useGlobalFilters(new QontakAuthExceptionFilter());
        },
      },
    );

    const limited = await getJson(`${url}/qontak/health`);
    expect({ status: limited.status, body: limited.body }).toEqual({ status: 503, body: GENERIC_503 });
    expect(limited.headers.get('content-type')).toMatch(/^application\/json/);
    expect(limited.headers.get('cache-control')).toBe('no-store');
    expect(limited.headers.get('retry-after')).toBe('120');
    expect(await getJson(`${url}/other/not-found`)).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: 'no such thing' },
    });
  });

  it('app.useGlobalFilters(new QontakAuthExceptionFilter({ exposeDetails: true })) takes the options alone', async () => {
    process.env['NODE_ENV'] = 'production';
    const server = await emulator();
    const { url } = await startApp(
      {
        imports: [QontakAuthModule.forRoot(optionsFor(server, { password: WRONG_PASSWORD }))],
        controllers: [QontakController],
      },
      {
        configure: (app) => app.useGlobalFilters(new QontakAuthExceptionFilter({ exposeDetails: true })),
      },
    );

    const { status, body, text } = await getJson(`${url}/qontak/health`);

    expect(status).toBe(502);
    expect(body).toEqual({ error: 'invalid_grant', message: expect.stringMatching(/\S/) });
    for (const secret of [WRONG_PASSWORD, ...SECRETS]) expect(text).not.toContain(secret);
  });

  it('@UseFilters(QontakAuthExceptionFilter) on a controller works with the defaults', async () => {
    process.env['NODE_ENV'] = 'production';
    @UseFilters(QontakAuthExceptionFilter)
    @Controller('scoped')
    class ScopedController {
      constructor(@Inject(RequestAuthorizer) private readonly qontak: RequestAuthorizer) {}

      @Get()
      async get() {
        return { status: (await this.qontak.fetch(this.qontak.healthUrl)).status };
      }
    }
    const server = await emulator();
    const { url } = await startApp({
      imports: [QontakAuthModule.forRoot(optionsFor(server, { password: WRONG_PASSWORD }))],
      controllers: [ScopedController],
    });

    expect(await getJson(`${url}/scoped`)).toMatchObject({ status: 502, body: GENERIC_502 });
  });
});
