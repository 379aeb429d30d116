import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BadGatewayException,
  Controller,
  Get,
  Inject,
  UseFilters,
  type INestApplication,
  type LoggerService,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { QONTAK_HEALTH_PATH, QontakAuth, RequestAuthorizer, type QontakAuthOptions } from '@qontak/auth-core';
import { QontakAuthExceptionFilter, QontakAuthModule } from '@qontak/nestjs';
import { QontakWebhooksModule } from '@qontak/nestjs/webhooks';

/**
 * `GET /qontak/health`: Qontak's health through the injected `RequestAuthorizer`'s `fetch`; a
 * `QontakAuthError` is answered by `QontakAuthExceptionFilter` (502 or 503 `{ error: code, message }`
 * outside production), an error status from Qontak 502 `{ error: 'upstream_<status>' }`.
 * `GET /qontak/unhandled`: the same call with no error mapping, so Nest's own exception handler
 * (and its logger) sees the `QontakAuthError`.
 */
@Controller('qontak')
class QontakHealthController {
  readonly #qontak: RequestAuthorizer;

  constructor(@Inject(RequestAuthorizer) qontak: RequestAuthorizer) {
    this.#qontak = qontak;
  }

  @Get('health')
  @UseFilters(QontakAuthExceptionFilter)
  async health(): Promise<{ status: number }> {
    const response = await this.#qontak.fetch(QONTAK_HEALTH_PATH);
    await response.arrayBuffer();
    if (!response.ok) throw new BadGatewayException({ error: `upstream_${response.status}` });
    return { status: response.status };
  }

  @Get('unhandled')
  async unhandled(): Promise<{ status: number }> {
    const response = await this.#qontak.fetch(QONTAK_HEALTH_PATH);
    await response.arrayBuffer();
    return { status: response.status };
  }
}

/** A running Nest application, see {@link startNestApp}. */
export interface RunningNestApp {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly app: INestApplication;
  /** The `QontakAuth` the module was given (`{ authorizer }`), for the checks of the test. */
  readonly auth: QontakAuth;
  close(): Promise<void>;
}

/**
 * A real Nest application (`Test.createTestingModule` -> `createNestApplication` -> `listen(0)`)
 * importing `QontakAuthModule.forRoot({ authorizer })` with a `QontakAuth` made from `options` (so the
 * test can reach its tokens), with the controller above. `logger` receives Nest's own logs (default:
 * none). `close()` closes the app and the `QontakAuth`.
 */
export async function startNestApp(
  options: QontakAuthOptions,
  logger: LoggerService | false = false,
): Promise<RunningNestApp> {
  const auth = new QontakAuth(options);
  const moduleRef = await Test.createTestingModule({
    imports: [QontakAuthModule.forRoot({ authorizer: auth })],
    controllers: [QontakHealthController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    auth,
    close: async () => {
      await app.close();
      await auth.close();
    },
  };
}

/** A Nest application whose only route is `QontakWebhooksModule`'s (`POST /qontak/webhook`), see {@link startNestWebhookApp}. */
export interface RunningNestWebhookApp {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A real Nest application (Express platform, Nest's body parser) importing
 * `QontakWebhooksModule.forRoot({ secret, onEvent })`, with `middleware` run first for every request
 * (e.g. an access logger).
 */
export async function startNestWebhookApp(
  secret: string,
  middleware: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<RunningNestWebhookApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [QontakWebhooksModule.forRoot({ secret, onEvent: () => undefined })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    middleware(req, res);
    next();
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
