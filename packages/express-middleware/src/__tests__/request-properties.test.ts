import type { Server } from 'node:http';
import { inspect } from 'node:util';
import { MekariHmacAuth, QontakAuth } from '@qontak/auth-core';
import {
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import express from 'express';
import express4 from 'express4';
import type { Express, Request } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qontakAuth } from '../index';
import { closeServer, listenOnLoopback } from './loopback';

const HEALTH_PATH = '/api/open/v1/health';

const expressVersions: ReadonlyArray<readonly [string, () => Express]> = [
  ['Express 5', () => express()],
  ['Express 4', () => express4()],
];

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

/** What a request logger dumping `req` would write, seen from inside a route. */
interface RequestDump {
  token: string | null;
  keys: string[];
  inspected: string;
  json: string;
}

function dumpRequest(req: Request): RequestDump {
  return {
    token: req.qontakToken ?? null,
    keys: Object.keys(req),
    inspected: inspect(req, { depth: 4 }),
    json: stringifyShallowCopy(req),
  };
}

describe.each(expressVersions)('req.qontakToken and req.qontakAuthorize on %s', (_version, createExpress) => {
  let emulator: QontakEmulator;
  const servers: Server[] = [];
  const closers: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => closeServer(server)));
    await Promise.all(closers.splice(0).map((close) => close()));
    await emulator.close();
  });

  async function serve(app: Express): Promise<string> {
    const { base, server } = await listenOnLoopback(app);
    servers.push(server);
    return base;
  }

  it('are readable but not enumerable: util.inspect, Object.keys and JSON.stringify({ ...req }) show no token', async () => {
    const auth = new QontakAuth({ baseUrl: emulator.url, username: DEMO_USERNAME, password: DEMO_PASSWORD });
    closers.push(() => auth.close());
    const app = createExpress();
    app.use(qontakAuth({ auth }));
    app.get('/dump', (req, res) => {
      res.json(dumpRequest(req));
    });
    const base = await serve(app);

    const dump = (await (await fetch(`${base}/dump`)).json()) as RequestDump;

    const token = dump.token!;
    expect(token).toMatch(/\S{16,}/);
    const health = await fetch(`${emulator.url}${HEALTH_PATH}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(health.status).toBe(200);
    expect(token).toBe(await auth.getAccessToken());

    expect(dump.keys).not.toContain('qontakToken');
    expect(dump.keys).not.toContain('qontakAuthorize');
    expect(dump.inspected.length).toBeGreaterThan(1000);
    expect(dump.inspected).toContain("method: 'GET'");
    expect(dump.inspected).not.toContain(token);
    expect(dump.inspected).not.toContain('qontakToken');
    expect(dump.inspected).not.toContain('qontakAuthorize');
    expect(dump.json).toContain('"method":"GET"');
    expect(dump.json).not.toContain(token);
    expect(dump.json).not.toContain('qontakToken');
    expect(emulator.stats().grants.total).toBe(1);
  });

  it('stay writable by the app, and stay hidden after it writes them', async () => {
    const auth = new QontakAuth({ baseUrl: emulator.url, username: DEMO_USERNAME, password: DEMO_PASSWORD });
    closers.push(() => auth.close());
    const app = createExpress();
    app.use(qontakAuth({ auth }));
    app.use((req, _res, next) => {
      req.qontakToken = `${req.qontakToken!}-replaced-by-the-app`;
      next();
    });
    app.get('/dump', (req, res) => {
      res.json(dumpRequest(req));
    });
    const base = await serve(app);

    const dump = (await (await fetch(`${base}/dump`)).json()) as RequestDump;

    expect(dump.token).toBe(`${await auth.getAccessToken()}-replaced-by-the-app`);
    expect(dump.keys).not.toContain('qontakToken');
    expect(dump.inspected).not.toContain(dump.token!);
    expect(dump.json).not.toContain(dump.token!);
  });

  it('hides req.qontakAuthorize under a MekariHmacAuth too, and it still signs', async () => {
    const auth = new MekariHmacAuth({
      baseUrl: emulator.url,
      clientId: DEMO_HMAC_CLIENT_ID,
      clientSecret: DEMO_HMAC_CLIENT_SECRET,
    });
    const app = createExpress();
    app.use(qontakAuth({ auth }));
    app.get('/dump', async (req, res) => {
      const url = `${emulator.url}/qontak/chat/v1/health`;
      const answer = await fetch(url, { headers: await req.qontakAuthorize!({ method: 'GET', url }) });
      res.json({ ...dumpRequest(req), gatewayStatus: answer.status });
    });
    const base = await serve(app);

    const dump = (await (await fetch(`${base}/dump`)).json()) as RequestDump & { gatewayStatus: number };

    expect(dump.gatewayStatus).toBe(200);
    expect(dump.keys).not.toContain('qontakAuthorize');
    expect(dump.inspected).not.toContain('qontakAuthorize');
    expect(dump.json).not.toContain('qontakAuthorize');
  });
});
