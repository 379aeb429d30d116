import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { describe, expectTypeOf, it } from 'vitest';
import type { AuthorizationHeaders } from '@qontak/auth-core';
import {
  getQontakToken,
  qontakAuth,
  qontakErrorHandler,
  type QontakErrorHandlerOptions,
  type QontakErrorLogger,
  type QontakRequestAuthorize,
} from '../index';

describe('Express Request augmentation', () => {
  it('gives every Express Request an optional string qontakToken', () => {
    expectTypeOf<Request>().toHaveProperty('qontakToken');
    expectTypeOf<Request['qontakToken']>().toEqualTypeOf<string | undefined>();
  });

  it('types the token inside a route handler with no cast', () => {
    const handler: RequestHandler = (req, res) => {
      expectTypeOf(req.qontakToken).toEqualTypeOf<string | undefined>();
      res.json({ length: getQontakToken(req).length });
    };
    expectTypeOf(handler).toExtend<RequestHandler>();
  });

  it('gives every Express Request an optional qontakAuthorize that returns headers', () => {
    expectTypeOf<Request['qontakAuthorize']>().toEqualTypeOf<QontakRequestAuthorize | undefined>();
    expectTypeOf<ReturnType<QontakRequestAuthorize>>().toEqualTypeOf<Promise<AuthorizationHeaders>>();
  });

  it('getQontakToken narrows to string', () => {
    expectTypeOf(getQontakToken).parameter(0).toExtend<object>();
    expectTypeOf(getQontakToken).returns.toEqualTypeOf<string>();
    expectTypeOf<Request>().toExtend<Parameters<typeof getQontakToken>[0]>();
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
