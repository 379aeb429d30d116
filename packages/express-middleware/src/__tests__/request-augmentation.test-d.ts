import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AuthorizationHeaders,
  AuthorizeRequestInput,
  authFromEnv,
  MekariHmacAuth,
  QontakAccessTokenAuth,
  QontakAuth,
  RequestAuthorizer,
} from '@qontak/auth-core';
import type * as expressMiddleware from '../index';
import {
  qontakAuth,
  qontakErrorHandler,
  type QontakAuthMiddlewareOptions,
  type QontakErrorHandlerOptions,
  type QontakErrorLogger,
  type QontakRequestAuthorize,
} from '../index';

describe('Express Request augmentation', () => {
  it('gives every Express Request an optional qontakAuthorize that returns headers', () => {
    expectTypeOf<Request>().toHaveProperty('qontakAuthorize');
    expectTypeOf<Request['qontakAuthorize']>().toEqualTypeOf<QontakRequestAuthorize | undefined>();
    expectTypeOf<QontakRequestAuthorize>().parameter(0).toEqualTypeOf<AuthorizeRequestInput>();
    expectTypeOf<ReturnType<QontakRequestAuthorize>>().toEqualTypeOf<Promise<AuthorizationHeaders>>();
  });

  it('types req.qontakAuthorize inside a route handler with no cast', () => {
    const handler: RequestHandler = async (req, res) => {
      const headers = await req.qontakAuthorize!({ method: 'GET', url: 'https://chat-service.qontak.com' });
      expectTypeOf(headers).toEqualTypeOf<AuthorizationHeaders>();
      res.json({ names: Object.keys(headers) });
    };
    expectTypeOf(handler).toExtend<RequestHandler>();
  });

  it('gives every Express Request an optional qontakToken string (undefined under HMAC)', () => {
    expectTypeOf<Request>().toHaveProperty('qontakToken');
    expectTypeOf<Request['qontakToken']>().toEqualTypeOf<string | undefined>();
  });

  it('types req.qontakToken inside a route handler with no cast, as a string once checked', () => {
    const handler: RequestHandler = (req, res) => {
      const token = req.qontakToken;
      // @ts-expect-error: it may be undefined (Mekari HMAC, or a route qontakAuth did not run for)
      const unchecked: string = token;
      if (token === undefined) {
        res.sendStatus(500);
        return;
      }
      expectTypeOf(token).toEqualTypeOf<string>();
      res.json({ length: token.length, unchecked });
    };
    expectTypeOf(handler).toExtend<RequestHandler>();
  });

  it('lets the app assign req.qontakToken a string or undefined, and nothing else', () => {
    const handler: RequestHandler = (req, _res, next) => {
      req.qontakToken = 'from-the-app';
      req.qontakToken = undefined;
      // @ts-expect-error: a token is a string
      req.qontakToken = 42;
      next();
    };
    expectTypeOf(handler).toExtend<RequestHandler>();
  });
});

describe('the public surface', () => {
  it('exports qontakAuth and qontakErrorHandler, and none of the removed names', () => {
    expectTypeOf<keyof typeof expressMiddleware>().toEqualTypeOf<'qontakAuth' | 'qontakErrorHandler'>();
    expectTypeOf<typeof expressMiddleware>().not.toHaveProperty('getQontakToken');
    expectTypeOf<typeof expressMiddleware>().not.toHaveProperty('qontakErrorStatus');
  });

  it('qontakAuth takes the contract: any scheme, or what authFromEnv() returns, and nothing else', () => {
    expectTypeOf<QontakAuthMiddlewareOptions['auth']>().toEqualTypeOf<RequestAuthorizer>();
    expectTypeOf<{ auth: QontakAuth }>().toExtend<QontakAuthMiddlewareOptions>();
    expectTypeOf<{ auth: QontakAccessTokenAuth }>().toExtend<QontakAuthMiddlewareOptions>();
    expectTypeOf<{ auth: MekariHmacAuth }>().toExtend<QontakAuthMiddlewareOptions>();
    expectTypeOf<{ auth: ReturnType<typeof authFromEnv> }>().toExtend<QontakAuthMiddlewareOptions>();
    // An object that only hands out access tokens is not an authorizer.
    expectTypeOf<{
      auth: { getAccessToken(): Promise<string> };
    }>().not.toExtend<QontakAuthMiddlewareOptions>();
  });

  it('qontakAuth returns a RequestHandler and qontakErrorHandler an ErrorRequestHandler', () => {
    expectTypeOf(qontakAuth).returns.toEqualTypeOf<RequestHandler>();
    expectTypeOf(qontakErrorHandler).returns.toEqualTypeOf<ErrorRequestHandler>();
    // @ts-expect-error: `auth` is required
    qontakAuth({});
  });

  it('qontakErrorHandler takes optional options whose logger can be console or a (message, context) function', () => {
    expectTypeOf(qontakErrorHandler).parameter(0).toEqualTypeOf<QontakErrorHandlerOptions | undefined>();
    expectTypeOf(console).toExtend<QontakErrorLogger>();
    const recordLogger = { error: (_message: string, _context: Record<string, unknown>): void => undefined };
    expectTypeOf(recordLogger).toExtend<QontakErrorLogger>();
    const asyncLogger = { error: async (_message: string, _context: object): Promise<void> => undefined };
    expectTypeOf(asyncLogger).toExtend<QontakErrorLogger>();
    qontakErrorHandler({ exposeDetails: false, logger: console });
    // @ts-expect-error: exposeDetails is a boolean
    qontakErrorHandler({ exposeDetails: 'yes' });
  });
});
