import type { Server } from 'node:http';
import { inspect } from 'node:util';
import type { RequestAuthorizer } from '@qontak/auth-core';
import { startEmulator, type QontakEmulator } from '@qontak/emulator';
import type { Request, RequestHandler } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from 'qontak-test-support';
import { qontakAuth, type QontakRequestAuthorize } from '../index';
import { authFor, expressVersions, schemes } from './schemes';

/** `JSON.stringify` of `{ ...req }`, the shallow copy request serializers make, cycles written as `[Circular]`. */
function stringifyShallowCopy(req: Request): string {
  const seen = new WeakSet<object>();
  return JSON.stringify({ ...req }, (_key, value: unknown) => {
    if (typeof value === 'bigint') return String(value);
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  });
}

/** What a request logger dumping `req` would write, seen from inside a route, and what Qontak answered. */
interface RequestDump {
  /** The credential the route sent (the `authorization` header's value). */
  credential: string;
  /** `req.qontakToken` (`null` for `undefined`), whether it is an own property, and whether enumerable. */
  token: string | null;
  tokenIsOwn: boolean;
  tokenIsEnumerable: boolean;
  qontakStatus: number;
  keys: string[];
  inspected: string;
  json: string;
}

/** A route that calls Qontak's health with `req.qontakAuthorize`, then dumps `req` the way loggers do. */
function dumpRoute(auth: RequestAuthorizer): RequestHandler {
  return async (req, res) => {
    const headers = await req.qontakAuthorize!({ method: 'GET', url: auth.healthUrl });
    const answer = await fetch(auth.healthUrl, { headers });
    await answer.arrayBuffer();
    const dump: RequestDump = {
      credential: headers['authorization'] ?? '',
      token: req.qontakToken ?? null,
      tokenIsOwn: Object.prototype.hasOwnProperty.call(req, 'qontakToken'),
      tokenIsEnumerable: Object.prototype.propertyIsEnumerable.call(req, 'qontakToken'),
      qontakStatus: answer.status,
      keys: Object.keys(req),
      inspected: inspect(req, { depth: 4 }),
      json: stringifyShallowCopy(req),
    };
    res.json(dump);
  };
}

/** The part of an `authorization` value that is secret: a bearer token, or an HMAC signature. */
function secretOf(credential: string): string {
  return /^Bearer (\S+)$/.exec(credential)?.[1] ?? /signature="([^"]+)"/.exec(credential)?.[1] ?? credential;
}

describe.each(expressVersions)('req.qontakAuthorize on %s', (_version, createExpress) => {
  describe.each(schemes)('with a $name', (scheme) => {
    let emulator: QontakEmulator;
    let auth: RequestAuthorizer;
    const servers: Server[] = [];

    beforeEach(async () => {
      emulator = await startEmulator({ port: 0 });
      auth = authFor(scheme, emulator);
    });

    afterEach(async () => {
      await Promise.all(servers.splice(0).map((server) => closeServer(server)));
      await auth.close();
      await emulator.close();
    });

    async function serve(app: ReturnType<typeof createExpress>): Promise<string> {
      const { base, server } = await listenOnLoopback(app);
      servers.push(server);
      return base;
    }

    it(`sets req.qontakToken to ${scheme.name === 'Mekari HMAC' ? 'undefined (no token under HMAC)' : 'the bearer token the request sends'}, and authorizes a call Qontak accepts, yet util.inspect, Object.keys and JSON.stringify({ ...req }) show neither them nor the credential`, async () => {
      const app = createExpress();
      app.use(qontakAuth({ auth }));
      app.get('/dump', dumpRoute(auth));
      const base = await serve(app);

      const dump = (await (await fetch(`${base}/dump`)).json()) as RequestDump;

      expect(dump.qontakStatus).toBe(200);
      const secret = secretOf(dump.credential);
      expect(secret).toMatch(/\S{16,}/);
      expect(dump.token).toBe(scheme.name === 'Mekari HMAC' ? null : secret);
      expect(dump.tokenIsOwn).toBe(true);
      expect(dump.tokenIsEnumerable).toBe(false);
      for (const name of ['qontakAuthorize', 'qontakToken']) {
        expect(dump.keys).not.toContain(name);
        expect(dump.inspected).not.toContain(name);
        expect(dump.json).not.toContain(name);
      }
      expect(dump.inspected.length).toBeGreaterThan(1000);
      expect(dump.inspected).toContain("method: 'GET'");
      expect(dump.inspected).not.toContain(secret);
      expect(dump.json).toContain('"method":"GET"');
      expect(dump.json).not.toContain(secret);
    });

    it('both stay writable by the app, and stay hidden after it writes them', async () => {
      const app = createExpress();
      app.use(qontakAuth({ auth }));
      app.use((req, _res, next) => {
        const original = req.qontakAuthorize!;
        const wrapped: QontakRequestAuthorize = async (request) => ({
          ...(await original(request)),
          'x-app': 'wrapped',
        });
        req.qontakAuthorize = wrapped;
        req.qontakToken = `${req.qontakToken ?? 'none'}-seen-by-app`;
        next();
      });
      app.get('/wrapped', async (req, res) => {
        const headers = await req.qontakAuthorize!({ method: 'GET', url: auth.healthUrl });
        const answer = await fetch(auth.healthUrl, { headers });
        res.json({
          qontakStatus: answer.status,
          headerNames: Object.keys(headers).sort(),
          enumerable: Object.prototype.propertyIsEnumerable.call(req, 'qontakAuthorize'),
          tokenEnumerable: Object.prototype.propertyIsEnumerable.call(req, 'qontakToken'),
          token: req.qontakToken,
          keys: Object.keys(req),
        });
      });
      const base = await serve(app);

      const body = (await (await fetch(`${base}/wrapped`)).json()) as {
        qontakStatus: number;
        headerNames: string[];
        enumerable: boolean;
        tokenEnumerable: boolean;
        token: string;
        keys: string[];
      };

      expect(body.qontakStatus).toBe(200);
      expect(body.headerNames).toEqual([...scheme.headerNames, 'x-app'].sort());
      expect(body.enumerable).toBe(false);
      expect(body.tokenEnumerable).toBe(false);
      expect(body.token).toMatch(/-seen-by-app$/);
      expect(body.keys).not.toContain('qontakAuthorize');
      expect(body.keys).not.toContain('qontakToken');
    });
  });
});
